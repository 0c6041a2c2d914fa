package cn.donghe.rehab.bench;

import cn.donghe.rehab.common.Ids;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The activity tables of a district over last year and this year: needs assessments, child aid
 * accounts with their ledger, rehab sessions. The plans they share ({@link Needs},
 * {@link ChildAidPlan}) are built once per district; sessions are streamed (never all in memory).
 */
final class ActivityWriters {
  /** Sessions per 10,000 persons over the two years (province: 10,000,000 for 1,000,000 persons). */
  static final int SESSIONS_PER_PERSON = 10;
  /** Share of the assessed-with-rehab-need person-years that get at least one session. */
  static final double SERVED = 0.85;
  static final double VOIDED = 0.02;
  private static final int[] FEES = {0, 50, 80, 100, 120, 150, 200};

  private ActivityWriters() {}

  static final class Assessments implements TableWriter {
    @Override public String table() { return "assessments"; }
    @Override public String columns() { return "person_id, year, assessed_on, rehab_needs, device_needs, region_code, created_at, updated_at"; }

    @Override public void write(Population pop, CopyRows out, Context ctx) throws SQLException {
      Needs needs = Needs.of(pop, ctx);
      for (int y = 0; y < 2; y++) {
        for (int i = 0; i < pop.persons.size(); i++) {
          LocalDate on = needs.assessedOn[y][i];
          if (on == null) continue;
          Population.Person p = pop.persons.get(i);
          Instant at = on.atTime(10, 0).atZone(ctx.zone()).toInstant();
          out.add(p.id()).add(needs.years[y]).add(on).add(Needs.array(needs.rehab[y][i])).add(Needs.array(needs.devices[y][i]))
              .add(p.regionCode()).add(at).add(at).endRow();
        }
      }
    }
  }

  static final class AidAccounts implements TableWriter {
    @Override public String table() { return "aid_accounts"; }
    @Override public String columns() { return "id, person_id, year, category, budget, balance, consent, created_at, updated_at"; }

    @Override public void write(Population pop, CopyRows out, Context ctx) throws SQLException {
      for (ChildAidPlan.Account a : ChildAidPlan.of(pop, ctx).accounts) {
        Instant updated = a.sessions().isEmpty() ? a.createdAt() : a.sessions().get(a.sessions().size() - 1).createdAt();
        out.add(a.id()).add(a.person().id()).add(a.year()).add(a.category()).add(a.budget()).add(a.balance()).add(a.consent())
            .add(a.createdAt()).add(updated).endRow();
        if (a.year() == ctx.today().getYear()) ctx.samples().aidAccount(a.id(), a.person().id(), a.balance());
      }
    }
  }

  /** BUDGET entry, then one CHARGE per session that charged something, in order (ids are generated in COPY order). */
  static final class AidLedger implements TableWriter {
    @Override public String table() { return "aid_ledger"; }
    @Override public String columns() { return "account_id, at, kind, amount, balance_after, session_id"; }

    @Override public void write(Population pop, CopyRows out, Context ctx) throws SQLException {
      for (ChildAidPlan.Account a : ChildAidPlan.of(pop, ctx).accounts) {
        out.add(a.id()).add(a.createdAt()).add("BUDGET").add(a.budget()).add(a.budget()).add(null).endRow();
        for (ChildAidPlan.AidSession s : a.sessions()) {
          if (s.charged().signum() == 0) continue;
          out.add(a.id()).add(s.createdAt()).add("CHARGE").add(s.charged().negate()).add(s.balanceAfter()).add(s.id()).endRow();
        }
      }
    }
  }

  /**
   * The child aid sessions of the plan first, then self-paid sessions until the district has
   * {@value #SESSIONS_PER_PERSON} per person: {@value #SERVED} of the person-years assessed with a
   * rehab need get one or more (a long-tailed number), on days the person was on the register; 2% are voided.
   */
  static final class Sessions implements TableWriter {
    @Override public String table() { return "sessions"; }
    @Override public String columns() {
      return "id, person_id, institution_id, service_type, date, duration_minutes, therapist, fee, use_child_aid, aid_account_id, "
          + "aid_charged, self_pay, aid_balance_after, created_at, voided_at, void_reason";
    }

    @Override public void write(Population pop, CopyRows out, Context ctx) throws SQLException {
      SplittableRandom rnd = ctx.random(pop.district.code, table());
      ChildAidPlan aid = ChildAidPlan.of(pop, ctx);
      Needs needs = Needs.of(pop, ctx);
      String[] therapists = new String[40];
      for (int k = 0; k < therapists.length; k++) therapists[k] = Names.person(rnd);
      for (ChildAidPlan.Account a : aid.accounts) {
        for (ChildAidPlan.AidSession s : a.sessions()) {
          out.add(s.id()).add(a.person().id()).add(s.institutionId()).add(s.serviceType()).add(s.date()).add(s.minutes())
              .add(therapists[rnd.nextInt(therapists.length)]).add(s.fee()).add(true).add(a.id()).add(s.charged())
              .add(s.fee().subtract(s.charged())).add(s.balanceAfter()).add(s.createdAt()).add(null).add(null).endRow();
        }
      }
      // self-paid sessions: who and how many
      List<int[]> served = new ArrayList<>(); // {person index, year index}
      for (int y = 0; y < 2; y++) {
        for (int i = 0; i < pop.persons.size(); i++) {
          if (needs.needsRehab(y, i) && !aid.hasAccount(i, y) && rnd.nextDouble() < SERVED) served.add(new int[] {i, y});
        }
      }
      long remaining = (long) pop.persons.size() * SESSIONS_PER_PERSON - aid.sessions();
      int[] counts = spread(remaining, served.size(), rnd);
      List<District.Institution> rehab = pop.district.rehabInstitutions();
      for (int k = 0; k < served.size(); k++) {
        int i = served.get(k)[0], y = served.get(k)[1];
        Population.Person p = pop.persons.get(i);
        LocalDate from = Needs.max(LocalDate.of(needs.years[y], 1, 1), p.birthDate());
        LocalDate to = Needs.min(LocalDate.of(needs.years[y], 12, 31), ctx.today());
        if (!p.active()) to = Needs.min(to, p.statusDate().minusDays(1));
        if (to.isBefore(from)) continue;
        long span = to.toEpochDay() - from.toEpochDay() + 1;
        District.Institution inst = rehab.get(rnd.nextInt(rehab.size()));
        String[] types = needs.rehab[y][i];
        for (int s = 0; s < counts[k]; s++) {
          LocalDate date = LocalDate.ofEpochDay(from.toEpochDay() + rnd.nextLong(span));
          Instant at = date.atTime(8, 0).atZone(ctx.zone()).toInstant().plusSeconds(rnd.nextInt(10 * 3600));
          BigDecimal fee = BigDecimal.valueOf(FEES[rnd.nextInt(FEES.length)]).setScale(2);
          boolean voided = rnd.nextDouble() < VOIDED;
          out.add(Ids.newId()).add(p.id()).add(inst.id()).add(types[rnd.nextInt(types.length)]).add(date).add(30 + 15 * rnd.nextInt(5))
              .add(therapists[rnd.nextInt(therapists.length)]).add(fee).add(false).add(null).add("0.00").add(fee).add(null).add(at)
              .add(voided ? at.plusSeconds(3600) : null).add(voided ? "录入错误 / entered by mistake" : null).endRow();
        }
      }
    }

    /** Splits {@code total} over {@code n} receivers, each at least one, long-tailed (exponential weights squared). */
    static int[] spread(long total, int n, SplittableRandom rnd) {
      int[] c = new int[n];
      if (n == 0 || total <= 0) return c;
      if (total <= n) {
        for (int k = 0; k < total; k++) c[k] = 1;
        return c;
      }
      double[] w = new double[n];
      double sum = 0;
      for (int k = 0; k < n; k++) {
        double e = -Math.log(1 - rnd.nextDouble());
        w[k] = e * e;
        sum += w[k];
      }
      long extra = total - n, given = 0;
      for (int k = 0; k < n; k++) {
        c[k] = 1 + (int) Math.floor(extra * w[k] / sum);
        given += c[k] - 1;
      }
      for (long k = given; k < extra; k++) c[rnd.nextInt(n)]++;
      return c;
    }
  }
}
