package cn.donghe.rehab.bench;

import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.registry.IdNumbers;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The persons of one district, generated before any row is written so that every table writer
 * (persons, contracts and, later, assessments, sessions, aid accounts...) sees the same people.
 * Category and grade follow the plan's mix exactly (largest-remainder quotas, then shuffled).
 */
final class Population {
  /** Certified persons by category in Donghe (the plan, 2020): 9,216 in all. */
  static final int[] CATEGORY_SEED = new int[Category.values().length];
  static {
    CATEGORY_SEED[Category.VISUAL.ordinal()] = 948;
    CATEGORY_SEED[Category.HEARING.ordinal()] = 894;
    CATEGORY_SEED[Category.SPEECH.ordinal()] = 70;
    CATEGORY_SEED[Category.PHYSICAL.ordinal()] = 5_329;
    CATEGORY_SEED[Category.INTELLECTUAL.ordinal()] = 772;
    CATEGORY_SEED[Category.MENTAL.ordinal()] = 973;
    CATEGORY_SEED[Category.MULTIPLE.ordinal()] = 230;
  }
  /** Grades 1..4: the plan gives 4,303 severe (1-2) and 4,913 (3-4); split evenly within each band. */
  static final int[] GRADE_SEED = {2_151, 2_152, 2_456, 2_457};
  static final double CHILD_SHARE = 0.06;
  private static final int DAYS = 365 * 90;

  record Person(UUID id, String name, String gender, LocalDate birthDate, String idNumber, String certificateNo,
                Category category, int grade, boolean autism, String regionCode, String status, LocalDate statusDate,
                Instant createdAt, boolean child) {
    boolean active() { return status.equals("ACTIVE"); }
  }

  final District district;
  final List<Person> persons;
  /** Per-district plans several writers share (needs, child aid), built once on first use by the district's thread. */
  private final java.util.Map<Class<?>, Object> derived = new java.util.HashMap<>();

  <T> T derived(Class<T> type, java.util.function.Supplier<T> build) {
    Object o = derived.get(type);
    if (o == null) {
      o = build.get();
      derived.put(type, o);
    }
    return type.cast(o);
  }

  Population(District district, int size, LocalDate today, ZoneId zone, SplittableRandom rnd) {
    this.district = district;
    int[] categories = shuffled(quotas(CATEGORY_SEED, size), rnd);
    int[] grades = shuffled(quotas(GRADE_SEED, size), rnd);
    BitSet used = new BitSet(DAYS * 1000);
    List<Person> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(person(Category.values()[categories[i]], grades[i] + 1, today, zone, rnd, used));
    }
    this.persons = List.copyOf(list);
  }

  private Person person(Category cat, int grade, LocalDate today, ZoneId zone, SplittableRandom rnd, BitSet used) {
    boolean child = rnd.nextDouble() < CHILD_SHARE;
    int ageDays = child ? rnd.nextInt(1, 18 * 365) : 18 * 365 + (int) (Math.sqrt(rnd.nextDouble()) * 70 * 365);
    LocalDate birth = today.minusDays(ageDays);
    int seq;
    long slot;
    do { // birth date + 3-digit sequence must be unique within the district's area code
      seq = rnd.nextInt(1000);
      slot = (long) (ageDays % DAYS) * 1000 + seq;
    } while (used.get((int) slot));
    used.set((int) slot);
    String id = IdNumbers.build(district.code, birth, seq);
    String gender = IdNumbers.gender(id);
    String status = status(rnd);
    LocalDate statusDate = status.equals("ACTIVE") ? null : today.minusDays(rnd.nextInt(1, 720));
    if (statusDate != null && statusDate.isBefore(birth)) statusDate = birth;
    boolean autism = child && (cat == Category.INTELLECTUAL || cat == Category.MENTAL) && rnd.nextInt(10) < 4;
    Instant created = today.minusDays(rnd.nextInt(30, 5 * 365)).atTime(9, 0).atZone(zone).toInstant().plusSeconds(rnd.nextInt(8 * 3600));
    return new Person(Ids.newId(), Names.person(rnd), gender, birth, id, IdNumbers.certificate(id, cat, grade), cat, grade, autism,
        district.randomCommunity(rnd), status, statusDate, created, child);
  }

  private static String status(SplittableRandom rnd) {
    int r = rnd.nextInt(1000);
    if (r < 970) return "ACTIVE";
    if (r < 985) return "DECEASED";
    if (r < 995) return "MOVED_OUT";
    return "CANCELLED";
  }

  /** Splits {@code total} in proportion to {@code weights} (largest remainder; the parts add up exactly). */
  static int[] quotas(int[] weights, int total) {
    long sum = 0;
    for (int w : weights) sum += w;
    int[] q = new int[weights.length];
    double[] rest = new double[weights.length];
    int given = 0;
    for (int i = 0; i < weights.length; i++) {
      double exact = (double) weights[i] * total / sum;
      q[i] = (int) Math.floor(exact);
      rest[i] = exact - q[i];
      given += q[i];
    }
    while (given < total) {
      int best = 0;
      for (int i = 1; i < rest.length; i++) if (rest[i] > rest[best]) best = i;
      q[best]++;
      rest[best] = -1;
      given++;
    }
    return q;
  }

  /** One entry per unit of quota (the index of its class), in random order. */
  private static int[] shuffled(int[] quotas, SplittableRandom rnd) {
    int n = 0;
    for (int q : quotas) n += q;
    int[] a = new int[n];
    int k = 0;
    for (int i = 0; i < quotas.length; i++) for (int j = 0; j < quotas[i]; j++) a[k++] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
