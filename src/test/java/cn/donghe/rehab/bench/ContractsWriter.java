package cn.donghe.rehab.bench;

import cn.donghe.rehab.common.Ids;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Family-doctor contracts: about 75% of active persons hold a one-year contract with a doctor of
 * their district that is in force today; a tenth of them also had an earlier, expired one.
 */
final class ContractsWriter implements TableWriter {
  static final double SIGNED_SHARE = 0.75;

  @Override public String table() { return "contracts"; }

  @Override public String columns() { return "id, person_id, doctor_id, start_date, end_date, service_package, created_at"; }

  @Override public void write(Population pop, CopyRows out, Context ctx) throws SQLException {
    SplittableRandom rnd = ctx.random(pop.district.code, table());
    var doctors = pop.district.doctors;
    for (Population.Person p : pop.persons) {
      if (!p.active() || rnd.nextDouble() >= SIGNED_SHARE) continue;
      var doctor = doctors.get(rnd.nextInt(doctors.size()));
      LocalDate start = ctx.today().minusDays(rnd.nextInt(0, 330));
      if (start.isBefore(p.birthDate())) start = p.birthDate();
      if (rnd.nextInt(10) == 0 && !start.minusYears(1).isBefore(p.birthDate())) row(out, ctx, p, doctor, start.minusYears(1), start.minusDays(1));
      row(out, ctx, p, doctor, start, start.plusYears(1).minusDays(1));
    }
  }

  private static void row(CopyRows out, Context ctx, Population.Person p, District.Doctor d, LocalDate start, LocalDate end) throws SQLException {
    out.add(Ids.newId()).add(p.id()).add(d.id()).add(start).add(end).add(personalized(start) ? "PERSONALIZED" : "BASIC")
        .add(start.atTime(9, 30).atZone(ctx.zone()).toInstant()).endRow();
  }

  /** About one in five contracts is the personalised package. */
  private static boolean personalized(LocalDate start) { return start.getDayOfMonth() % 5 == 0; }
}
