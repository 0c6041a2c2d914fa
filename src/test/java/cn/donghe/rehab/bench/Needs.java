package cn.donghe.rehab.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The yearly needs assessments of one district (last year and this year), decided once so that the
 * assessments, sessions and fittings writers agree: about 95% of the persons on the register in a
 * year are assessed; of those about 90% need rehab (1-3 services) and about 35% need devices (1-2
 * codes of their category's list). Children who get child aid are always assessed with a rehab need.
 */
final class Needs {
  static final String[] REHAB = {"REHAB_TRAINING", "REHAB_MEDICAL", "HEALTH_EDUCATION", "REHAB_NURSING", "PSYCHOLOGICAL_SUPPORT", "DEVICE_SERVICE"};
  static final double ASSESSED = 0.95;
  static final double REHAB_NEED = 0.90;
  static final double DEVICE_NEED = 0.35;

  /** Per year index (0 = last year, 1 = this year) and person index: the day assessed (null = not assessed) and the needs. */
  final LocalDate[][] assessedOn;
  final String[][][] rehab;
  final String[][][] devices;
  final int[] years;

  Needs(Population pop, TableWriter.Context ctx, ChildAidPlan aid) {
    years = ctx.years();
    int n = pop.persons.size();
    assessedOn = new LocalDate[2][n];
    rehab = new String[2][n][];
    devices = new String[2][n][];
    SplittableRandom rnd = ctx.random(pop.district.code, "needs");
    for (int y = 0; y < 2; y++) {
      LocalDate first = LocalDate.of(years[y], 1, 1);
      LocalDate last = min(LocalDate.of(years[y], 12, 31), ctx.today());
      for (int i = 0; i < n; i++) {
        Population.Person p = pop.persons.get(i);
        boolean aided = aid.hasAccount(i, y);
        if (!aided && rnd.nextDouble() >= ASSESSED) continue;
        LocalDate from = max(first, p.birthDate());
        LocalDate to = p.active() ? last : min(last, p.statusDate().minusDays(1));
        if (to.isBefore(from)) continue;
        assessedOn[y][i] = from.plusDays(rnd.nextLong(to.toEpochDay() - from.toEpochDay() + 1));
        rehab[y][i] = aided || rnd.nextDouble() < REHAB_NEED ? pick(REHAB, 1 + rnd.nextInt(3), rnd) : new String[0];
        List<String> list = Catalogue.DEVICES_BY_CATEGORY.get(p.category().name());
        devices[y][i] = list != null && rnd.nextDouble() < DEVICE_NEED ? pick(list.toArray(String[]::new), 1 + rnd.nextInt(2), rnd) : new String[0];
      }
    }
  }

  static Needs of(Population pop, TableWriter.Context ctx) {
    return pop.derived(Needs.class, () -> new Needs(pop, ctx, ChildAidPlan.of(pop, ctx)));
  }

  boolean needsRehab(int y, int i) { return assessedOn[y][i] != null && rehab[y][i].length > 0; }

  private static String[] pick(String[] from, int k, SplittableRandom rnd) {
    List<String> all = new ArrayList<>(List.of(from));
    List<String> out = new ArrayList<>();
    for (int j = 0; j < Math.min(k, from.length); j++) out.add(all.remove(rnd.nextInt(all.size())));
    return out.toArray(String[]::new);
  }

  static LocalDate min(LocalDate a, LocalDate b) { return a.isBefore(b) ? a : b; }

  static LocalDate max(LocalDate a, LocalDate b) { return a.isAfter(b) ? a : b; }

  /** A text[] literal for COPY. */
  static String array(String[] a) { return "{" + String.join(",", a) + "}"; }
}
