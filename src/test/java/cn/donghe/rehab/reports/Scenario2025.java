package cn.donghe.rehab.reports;

import static cn.donghe.rehab.reports.ReportFixtures.assess;
import static cn.donghe.rehab.reports.ReportFixtures.assessRehab;
import static cn.donghe.rehab.reports.ReportFixtures.session;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import java.time.LocalDate;
import java.util.List;

/**
 * The 2025 scenario of one town, computed by hand (built once per test run, through the API). Community A: p1 served
 * in May; p2 only a voided session; p3 only a session on 31 Dec 2024; p4 (VISUAL, grade 1) served on 1 Jan 2025; p5
 * served on 31 Dec 2025; p6 deceased on 31 Dec 2024 (excluded); p7 deceased in March 2025 (counted, unserved); p8
 * served, then moved to community B (counted in A, where assessed); p9 needs a device only; p10 has a session but no
 * assessment. Community B: p11 (HEARING, grade 3) needs rehab and a device, served. Contracts: p1 from 1 Feb 2025,
 * p2 for 2024 only, p11 from 31 Dec 2025, p3 from a month ago (today's doctor on the worklist).
 */
final class Scenario2025 {
  static final int YEAR = 2025;
  private static Scenario2025 instance;
  final ReportFixtures.Area area;
  final String deviceNeed;
  final String p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11;

  static synchronized Scenario2025 get() {
    if (instance == null) instance = new Scenario2025();
    return instance;
  }

  private Scenario2025() {
    area = ReportFixtures.area();
    deviceNeed = ReportFixtures.needCode();
    String a = area.a();
    p1 = area.person(a);
    p2 = area.person(a);
    p3 = area.person(a);
    p4 = area.person(a, Category.VISUAL, 1);
    p5 = area.person(a);
    p6 = area.person(a);
    p7 = area.person(a);
    p8 = area.person(a);
    p9 = area.person(a);
    p10 = area.person(a);
    p11 = area.person(area.b(), Category.HEARING, 3);
    for (String p : List.of(p1, p2, p3, p4, p5, p6, p7, p8)) assessRehab(p, YEAR);
    assess(p9, YEAR, LocalDate.of(YEAR, 2, 1), List.of(), List.of(deviceNeed));
    assess(p11, YEAR, LocalDate.of(YEAR, 2, 1), List.of("REHAB_MEDICAL", "PSYCHOLOGICAL_SUPPORT"), List.of(deviceNeed));
    Api staff = area.rehab();
    session(staff, p1, LocalDate.of(YEAR, 5, 10));
    ReportFixtures.voidSession(staff, session(staff, p2, LocalDate.of(YEAR, 6, 1)));
    session(staff, p3, LocalDate.of(YEAR - 1, 12, 31));
    session(staff, p4, LocalDate.of(YEAR, 1, 1));
    session(staff, p5, LocalDate.of(YEAR, 12, 31));
    session(staff, p6, LocalDate.of(YEAR, 1, 20));
    session(staff, p8, LocalDate.of(YEAR, 4, 1));
    session(staff, p10, LocalDate.of(YEAR, 4, 1));
    // of an assessed need (definition version 2 counts only those)
    session(staff, p11, LocalDate.of(YEAR, 7, 7), "REHAB_MEDICAL");
    ReportFixtures.status(p6, "DECEASED", LocalDate.of(YEAR - 1, 12, 31));
    ReportFixtures.status(p7, "DECEASED", LocalDate.of(YEAR, 3, 15));
    ReportFixtures.move(p8, area.b());
    ReportFixtures.contract(p1, area.doctorId(), LocalDate.of(YEAR, 2, 1));
    ReportFixtures.contract(p2, area.doctorId(), LocalDate.of(YEAR - 1, 1, 1));
    ReportFixtures.contract(p11, area.doctorId(), LocalDate.of(YEAR, 12, 31));
    ReportFixtures.contract(p3, area.doctorId(), ReportFixtures.today().minusMonths(1));
  }

  String query(String extra) { return "year=" + YEAR + "&regionCode=" + area.town() + extra; }
}
