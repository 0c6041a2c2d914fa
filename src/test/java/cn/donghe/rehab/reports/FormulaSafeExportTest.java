package cn.donghe.rehab.reports;

import static cn.donghe.rehab.support.Spreadsheets.FORMULA;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.Spreadsheets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Formula injection (issue 15 item 8): a person and a community named {@code =HYPERLINK("http://x","y")} come out of
 * every report download (indicators, worklist, snapshot; CSV and XLSX) as text with a leading quote, never as a formula.
 */
class FormulaSafeExportTest {
  private static ReportFixtures.Area area;
  private static String hostileCommunity;
  private static int year;

  @BeforeAll
  static void world() {
    area = ReportFixtures.area();
    year = ReportFixtures.today().getYear();
    hostileCommunity = area.town().substring(0, 9) + "9" + String.format("%02d", Fixtures.next() % 100);
    Api.Resp region = ReportFixtures.admin().post("/regions", Map.of("code", hostileCommunity, "name", FORMULA, "level", "COMMUNITY",
        "parentCode", area.town()));
    assertEquals(201, region.status(), region.toString());
    Map<String, Object> body = Fixtures.personBody(hostileCommunity, Category.PHYSICAL, 2, LocalDate.of(1979, 4, 2));
    body.put("name", FORMULA);
    Api.Resp p = ReportFixtures.admin().post("/persons", body);
    assertEquals(201, p.status(), p.toString());
    ReportFixtures.assessRehab(p.str("id"), year);
  }

  private static byte[] download(String path) {
    Api.Resp r = ReportFixtures.admin().get(path);
    assertEquals(200, r.status(), r.toString());
    return r.raw().body();
  }

  private static void check(String path) {
    List<List<String>> cells = path.contains("format=xlsx") ? Spreadsheets.xlsx(download(path)) : Spreadsheets.csv(download(path));
    Spreadsheets.assertNoLiveFormula(cells, path);
    Spreadsheets.assertDefused(cells, path);
  }

  @Test
  void worklist_csvAndXlsx_writeTheHostileNameAsText() {
    String q = "/reports/indicators/REHAB_SERVICE_RATE/unserved?year=" + year + "&regionCode=" + area.town();
    check(q + "&format=csv");
    check(q + "&format=xlsx");
  }

  @Test
  void indicatorReport_csvAndXlsx_writeTheHostileRegionNameAsText() {
    String q = "/reports/indicators?year=" + year + "&regionCode=" + area.town() + "&groupBy=COMMUNITY";
    check(q + "&format=csv");
    check(q + "&format=xlsx");
  }

  @Test
  void snapshot_csvAndXlsx_writeTheHostileRegionNameAsText() {
    Api.Resp s = ReportFixtures.admin().post("/reports/snapshots", Map.of("year", year, "regionCode", area.town(), "groupBy", "COMMUNITY"));
    assertEquals(201, s.status(), s.toString());
    check("/reports/snapshots/" + s.str("id") + "?format=csv");
    check("/reports/snapshots/" + s.str("id") + "?format=xlsx");
  }
}
