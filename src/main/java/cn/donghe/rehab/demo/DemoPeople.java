package cn.donghe.rehab.demo;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.registry.IdNumbers;
import cn.donghe.rehab.registry.Person;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The 9,216 synthetic certificate holders of the demo district, generated deterministically
 * (fixed random seed). Counts follow the seed plan exactly: by category physical 5,329, visual 948,
 * hearing 894, intellectual 772, mental 973, speech 70, multiple 230; by grade 1-2 (severe) 4,303
 * and 3-4 4,913. 100 of them are children aged 0-10 on 1 January of the current year, in the
 * categories of the child rehab aid programme. ID numbers use area code 150202 and are valid
 * (check digit, birth date, gender parity); certificate numbers are ID + category + grade digit.
 */
final class DemoPeople {
  static final Map<Category, Integer> CATEGORY_COUNTS = counts();
  /** Grade 1..4; 1+2 = 4,303 severe, 3+4 = 4,913. */
  static final int[] GRADE_COUNTS = {1_720, 2_583, 2_400, 2_513};
  static final int TOTAL = 9_216;
  static final int CHILDREN = 100;
  private static final String AREA = "150202";
  /** How many of the children each category takes (see {@link #children}). */
  private static final Map<Category, Integer> CHILDREN_BY_CATEGORY = Map.of(
      Category.PHYSICAL, 35, Category.INTELLECTUAL, 27, Category.HEARING, 20, Category.VISUAL, 8, Category.MENTAL, 10);

  private static final String SURNAMES = "王王王李李李张张张刘刘陈陈杨杨赵赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾"
      + "彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹常武乔贺樊兰";
  private static final String MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林国建志海峰东文亮成春德福贵永利生荣祥";
  private static final String FEMALE = "芳娜敏静丽艳娟霞燕玲桂英秀兰梅琳婷雪慧颖红玉萍洁琴云莉倩欣悦晶凤丹蓉霞华秀珍淑";
  private static final List<String> MONGOLIAN_MALE = List.of("巴特尔", "苏和", "阿拉坦", "朝鲁", "额尔敦", "巴图", "孟和", "那顺", "宝音", "特木尔");
  private static final List<String> MONGOLIAN_FEMALE = List.of("乌云", "其其格", "萨仁", "斯琴", "娜仁", "托娅", "高娃", "塔娜", "图雅", "琪琪");

  /** One person to create; {@code child} marks the aid-programme children. */
  record Spec(String name, String gender, LocalDate birthDate, String idNumber, String certificateNo, Category category,
              int grade, boolean autism, String regionCode, String phone, Person.Guardian guardian, boolean child) {}

  private final Random random;
  private final int divisor;
  private final List<String> communities;
  private final LocalDate today;
  private final Map<String, Integer> sequences = new HashMap<>();

  private DemoPeople(long seed, List<String> communities, LocalDate today, int divisor) {
    this.random = new Random(seed);
    this.divisor = divisor;
    this.communities = communities;
    this.today = today;
  }

  /** Children first (the first two are siblings, for the demo guardian), then the adults. */
  static List<Spec> generate(List<String> communities, LocalDate today) {
    return generate(communities, today, 1);
  }

  /**
   * The district with the adults' category and grade counts divided by {@code divisor} (rounded;
   * the grade pools are adjusted so both add up to the same total); the 100 children stay.
   */
  static List<Spec> generate(List<String> communities, LocalDate today, int divisor) {
    return new DemoPeople(20_210_915L, communities, today, divisor).all();
  }

  /** Category counts at this size: the children's share kept whole, the rest divided. */
  private Map<Category, Integer> categoryCounts() {
    if (divisor == 1) return new EnumMap<>(CATEGORY_COUNTS);
    Map<Category, Integer> m = new EnumMap<>(Category.class);
    CATEGORY_COUNTS.forEach((c, n) -> m.put(c, Math.max(CHILDREN_BY_CATEGORY.getOrDefault(c, 0) + 1, Math.round((float) n / divisor))));
    return m;
  }

  /** Grade pools at this size, adding up to {@code total}. */
  private int[] gradeCounts(int total) {
    if (divisor == 1) return GRADE_COUNTS.clone();
    int[] g = new int[4];
    int sum = 0;
    for (int i = 0; i < 4; i++) { g[i] = Math.round((float) GRADE_COUNTS[i] / divisor); sum += g[i]; }
    g[3] += total - sum;
    return g;
  }

  private static Map<Category, Integer> counts() {
    Map<Category, Integer> m = new EnumMap<>(Category.class);
    m.put(Category.PHYSICAL, 5_329);
    m.put(Category.VISUAL, 948);
    m.put(Category.HEARING, 894);
    m.put(Category.INTELLECTUAL, 772);
    m.put(Category.MENTAL, 973);
    m.put(Category.SPEECH, 70);
    m.put(Category.MULTIPLE, 230);
    return m;
  }

  private List<Spec> all() {
    Map<Category, Integer> categoriesLeft = categoryCounts();
    int[] gradesLeft = gradeCounts(categoriesLeft.values().stream().mapToInt(Integer::intValue).sum());
    List<Spec> out = new ArrayList<>(TOTAL / divisor + CHILDREN);
    out.addAll(children(categoriesLeft, gradesLeft));
    List<Category> categories = new ArrayList<>();
    categoriesLeft.forEach((c, n) -> categories.addAll(Collections.nCopies(n, c)));
    List<Integer> grades = new ArrayList<>();
    for (int g = 0; g < 4; g++) grades.addAll(Collections.nCopies(gradesLeft[g], g + 1));
    Collections.shuffle(categories, random);
    Collections.shuffle(grades, random);
    for (int i = 0; i < categories.size(); i++) out.add(adult(categories.get(i), grades.get(i)));
    return out;
  }

  /** 35 physical, 27 intellectual (5 with autism), 20 hearing, 8 low vision, 10 mental with autism. */
  private List<Spec> children(Map<Category, Integer> categoriesLeft, int[] gradesLeft) {
    List<Spec> kids = new ArrayList<>(CHILDREN);
    String community = pick(communities);
    String surname = surname();
    Person.Guardian mother = new Person.Guardian(surname + "秀" + pickChar(FEMALE), mobile(), "母亲");
    kids.add(child(Category.HEARING, false, takeGrade(gradesLeft, 2), surname, community, mother));
    kids.add(child(Category.MENTAL, true, takeGrade(gradesLeft, 2), surname, community, mother));
    addChildren(kids, Category.PHYSICAL, false, 35, gradesLeft, 1);
    addChildren(kids, Category.INTELLECTUAL, false, 22, gradesLeft, 1);
    addChildren(kids, Category.INTELLECTUAL, true, 5, gradesLeft, 1);
    addChildren(kids, Category.HEARING, false, 19, gradesLeft, 1);
    addChildren(kids, Category.VISUAL, false, 8, gradesLeft, 3);
    addChildren(kids, Category.MENTAL, true, 9, gradesLeft, 1);
    for (Spec k : kids) categoriesLeft.merge(k.category(), -1, Integer::sum);
    return kids;
  }

  private void addChildren(List<Spec> kids, Category category, boolean autism, int n, int[] gradesLeft, int minGrade) {
    for (int i = 0; i < n; i++) {
      String surname = surname();
      Person.Guardian parent = new Person.Guardian(surname + givenName(random.nextBoolean() ? "M" : "F"), mobile(),
          random.nextInt(3) == 0 ? "父亲" : "母亲");
      kids.add(child(category, autism, takeGrade(gradesLeft, minGrade + random.nextInt(5 - minGrade) - 1), surname, pick(communities), parent));
    }
  }

  /** Takes the wanted grade (0-based index) from the pool, or the nearest one still available at or above it. */
  private static int takeGrade(int[] gradesLeft, int wantedIndex) {
    for (int g = wantedIndex; g < 4; g++) {
      if (gradesLeft[g] > 0) { gradesLeft[g]--; return g + 1; }
    }
    throw new IllegalStateException("grade pool exhausted");
  }

  private Spec child(Category category, boolean autism, int grade, String surname, String community, Person.Guardian guardian) {
    // born 1 Jan (Y-10) .. 31 Dec (Y-1): aged 0..10 on 1 January of the current year
    LocalDate from = LocalDate.of(today.getYear() - 10, 1, 1);
    LocalDate birth = from.plusDays(random.nextInt(365 * 10 - 1));
    String gender = random.nextBoolean() ? "M" : "F";
    String id = idNumber(birth, gender);
    return new Spec(surname + givenName(gender), gender, birth, id, IdNumbers.certificate(id, category, grade), category, grade,
        autism, community, null, guardian, true);
  }

  private Spec adult(Category category, int grade) {
    // ages 18..90, more of them older (disability prevalence rises with age)
    int age = 18 + (int) Math.floor(72 * Math.sqrt(random.nextDouble()));
    LocalDate birth = today.minusYears(age).minusDays(random.nextInt(365));
    String gender = random.nextInt(100) < 54 ? "M" : "F";
    String id = idNumber(birth, gender);
    String name = random.nextInt(100) < 4
        ? pick(gender.equals("M") ? MONGOLIAN_MALE : MONGOLIAN_FEMALE)
        : surname() + givenName(gender);
    boolean autism = category == Category.MENTAL && age < 30 && random.nextInt(10) == 0;
    return new Spec(name, gender, birth, id, IdNumbers.certificate(id, category, grade), category, grade, autism,
        pick(communities), random.nextInt(100) < 75 ? mobile() : null, null, false);
  }

  /** Unique per birth date and gender: sequence 001..999, odd for men, even for women. */
  private String idNumber(LocalDate birth, String gender) {
    int k = sequences.merge(birth + gender, 1, Integer::sum);
    int seq = gender.equals("M") ? 2 * k - 1 : 2 * k;
    if (seq > 999) throw new IllegalStateException("too many persons born on " + birth);
    return IdNumbers.build(AREA, birth, seq);
  }

  private String surname() { return pickChar(SURNAMES); }

  private String givenName(String gender) {
    String pool = gender.equals("M") ? MALE : FEMALE;
    return random.nextInt(100) < 30 ? pickChar(pool) : pickChar(pool) + pickChar(pool);
  }

  private String mobile() {
    return "1" + "358".charAt(random.nextInt(3)) + String.format("%09d", random.nextInt(1_000_000_000));
  }

  private String pickChar(String pool) {
    int i = random.nextInt(pool.length());
    return pool.substring(i, i + 1);
  }

  private <T> T pick(List<T> list) { return list.get(random.nextInt(list.size())); }
}
