package cn.donghe.rehab.sessions;

import static cn.donghe.rehab.support.Spreadsheets.FORMULA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.Spreadsheets;
import cn.donghe.rehab.support.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Formula injection in the aid statement CSV: a hostile institution name is text; amounts stay plain numbers. */
class FormulaSafeStatementTest {
  @Test
  void statementCsv_defusesTheInstitutionName_andWritesAmountsAsNumbers() {
    String community = Fixtures.community();
    Api.Resp inst = TestApp.admin().post("/institutions", Map.of("name", FORMULA, "regionCode", community, "services", List.of("REHAB"),
        "childAidDesignated", true));
    assertEquals(201, inst.status(), inst.toString());
    Api staff = Fixtures.institutionUser(inst.str("id"));
    String child = AidFixtures.child(community, Category.HEARING, AidFixtures.thisYear(), 5).path("id").asText();
    String account = AidFixtures.enrol(child, AidFixtures.thisYear(), "HEARING").path("id").asText();
    assertEquals(201, AidFixtures.log(staff, AidFixtures.session(child, "300.00", true)).status());

    Api.Resp r = TestApp.admin().get("/aid-accounts/" + account + "?format=csv");
    assertEquals(200, r.status(), r.toString());
    List<List<String>> cells = Spreadsheets.csv(r.raw().body());
    Spreadsheets.assertNoLiveFormula(cells, "statement CSV");
    Spreadsheets.assertDefused(cells, "statement CSV");
    assertTrue(cells.stream().anyMatch(row -> row.contains("-300.00")), "the charge is the plain number -300.00: " + cells);
  }
}
