package cn.donghe.rehab.bench;

import cn.donghe.rehab.common.Ids;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The child rehab aid of one district, decided once and shared by the aid account, ledger and
 * sessions writers so that they agree exactly: about 90% of the eligible children (ACTIVE, age on
 * 1 January within the year's standard, a disability that fits an aid category) hold an account
 * for last year and this year; each account's sessions at a child-aid designated institution charge
 * min(fee, balance) in date order, exactly as the service does. Ledger: a BUDGET entry, then one
 * CHARGE per session that charged something; the final balance is the ledger's sum and never
 * negative. About one account in ten is used up (the later sessions are paid by the family).
 */
final class ChildAidPlan {
  static final double ENROLLED = 0.90;
  static final int[] FEES = {100, 120, 150, 180, 200, 250, 300};

  record AidSession(UUID id, UUID institutionId, String serviceType, LocalDate date, Instant createdAt, int minutes,
                    BigDecimal fee, BigDecimal charged, BigDecimal balanceAfter) {}

  record Account(UUID id, int personIndex, Population.Person person, int yearIndex, int year, String category, BigDecimal budget,
                 Instant createdAt, String consent, List<AidSession> sessions, BigDecimal balance) {}

  final List<Account> accounts = new ArrayList<>();
  private final Map<Long, Account> byPersonYear = new HashMap<>();

  ChildAidPlan(Population pop, TableWriter.Context ctx) {
    SplittableRandom rnd = ctx.random(pop.district.code, "child-aid");
    List<District.Institution> designated = pop.district.institutions.stream().filter(District.Institution::childAidDesignated).toList();
    int[] years = ctx.years();
    for (int i = 0; i < pop.persons.size(); i++) {
      Population.Person p = pop.persons.get(i);
      if (!p.child() || !p.active()) continue;
      String category = aidCategory(p);
      if (category == null) continue;
      for (int y = 0; y < 2; y++) {
        Catalogue.AidStandard std = ctx.aidStandards().get(years[y]);
        if (std == null || !std.amounts().containsKey(category)) continue;
        LocalDate jan1 = LocalDate.of(years[y], 1, 1);
        if (p.birthDate().isAfter(jan1)) continue;
        int age = Period.between(p.birthDate(), jan1).getYears();
        if (age < std.minAge() || age > std.maxAge() || rnd.nextDouble() >= ENROLLED) continue;
        LocalDate end = Needs.min(LocalDate.of(years[y], 12, 31), ctx.today());
        LocalDate opened = Needs.min(jan1.plusDays(1 + rnd.nextInt(58)), end);
        Instant created = opened.atTime(9, 0).atZone(ctx.zone()).toInstant().plusSeconds(rnd.nextInt(8 * 3600));
        BigDecimal budget = std.amounts().get(category);
        String consent = "{\"name\": \"" + Names.person(rnd) + "\", \"relation\": \"" + (rnd.nextBoolean() ? "母亲" : "父亲")
            + "\", \"signedOn\": \"" + opened + "\"}";
        // sessions: most children 10..60 in the year, one in ten far more (the account runs dry)
        int n = rnd.nextInt(10) == 0 ? 100 + rnd.nextInt(60) : 10 + rnd.nextInt(51);
        long span = end.toEpochDay() - opened.toEpochDay() + 1;
        long[] days = new long[n];
        for (int k = 0; k < n; k++) days[k] = opened.toEpochDay() + rnd.nextLong(span);
        Arrays.sort(days);
        BigDecimal balance = budget;
        List<AidSession> sessions = new ArrayList<>(n);
        District.Institution inst = designated.get(rnd.nextInt(designated.size()));
        for (long d : days) {
          LocalDate date = LocalDate.ofEpochDay(d);
          Instant at = date.atTime(8, 0).atZone(ctx.zone()).toInstant().plusSeconds(rnd.nextInt(10 * 3600));
          if (at.isBefore(created)) at = created.plusSeconds(60);
          BigDecimal fee = BigDecimal.valueOf(FEES[rnd.nextInt(FEES.length)]).setScale(2);
          BigDecimal charged = balance.min(fee);
          balance = balance.subtract(charged);
          sessions.add(new AidSession(Ids.newId(), inst.id(), rnd.nextBoolean() ? "REHAB_TRAINING" : "REHAB_MEDICAL", date, at,
              30 + 15 * rnd.nextInt(5), fee, charged, balance));
        }
        Account a = new Account(Ids.newId(), i, p, y, years[y], category, budget, created, consent, sessions, balance);
        accounts.add(a);
        byPersonYear.put((long) i * 2 + y, a);
      }
    }
  }

  static ChildAidPlan of(Population pop, TableWriter.Context ctx) {
    return pop.derived(ChildAidPlan.class, () -> new ChildAidPlan(pop, ctx));
  }

  boolean hasAccount(int personIndex, int yearIndex) { return byPersonYear.containsKey((long) personIndex * 2 + yearIndex); }

  int sessions() { return accounts.stream().mapToInt(a -> a.sessions().size()).sum(); }

  /** The aid category the child's record fits (autism first), or null when none does. */
  static String aidCategory(Population.Person p) {
    if (p.autism()) return "AUTISM";
    return switch (p.category()) {
      case PHYSICAL -> "PHYSICAL";
      case INTELLECTUAL -> "INTELLECTUAL";
      case HEARING -> "HEARING";
      case VISUAL -> "LOW_VISION";
      default -> null;
    };
  }
}
