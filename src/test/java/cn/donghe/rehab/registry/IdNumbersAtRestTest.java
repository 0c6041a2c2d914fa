package cn.donghe.rehab.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdNumbersAtRestTest {
  /** Every base table outside the system schemas, quoted for SQL. */
  private static List<String> allTables() {
    return TestApp.jdbi().withHandle(h -> h.createQuery("""
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1""")
        .mapTo(String.class).list());
  }

  /**
   * Rows of {@code table} whose text form (every column, bytea as hex) contains the value as text
   * or as the hex of its UTF-8 bytes (what a plaintext stored in a bytea column would look like).
   */
  private static long rowsContaining(String table, String value) {
    String hex = HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table
            + " t WHERE strpos(upper(t::text), :v) > 0 OR strpos(lower(t::text), :hex) > 0")
        .bind("v", value.toUpperCase()).bind("hex", hex).mapTo(Long.class).one());
  }

  @Test
  void noTableHoldsAPlaintextIdOrCertificateNumber_afterCreateReadLookupAndUpdate() {
    List<NumberedPersons.Created> persons = NumberedPersons.persons(Fixtures.community(), 3);
    Api admin = TestApp.admin();
    for (NumberedPersons.Created p : persons) {
      assertEquals(p.idNumber(), admin.get("/persons/" + p.id()).str("idNumber"));
      assertEquals(200, admin.post("/persons/lookup", Map.of("idNumber", p.idNumber())).status());
      assertEquals(200, admin.post("/persons/lookup", Map.of("certificateNo", p.certificateNo())).status());
      assertEquals(200, admin.patch("/persons/" + p.id(), Map.of("phone", "13900000000")).status());
    }
    List<String> tables = allTables();
    assertTrue(tables.contains("public.persons") && tables.contains("public.audit_events"), tables.toString());
    List<String> found = new ArrayList<>();
    for (String table : tables) {
      for (NumberedPersons.Created p : persons) {
        for (String plain : List.of(p.idNumber(), p.certificateNo())) {
          long n = rowsContaining(table, plain);
          if (n > 0) found.add(table + " has " + n + " row(s) with a plaintext number");
        }
      }
    }
    assertEquals(List.of(), found);
    // the scan does read the rows: the masked form is there
    String masked = persons.get(0).idNumber().substring(0, 6) + "************";
    assertTrue(rowsContaining("public.persons", masked) >= 1);
  }

  @Test
  void auditRowsOfPersons_holdOnlyMaskedNumbers() {
    NumberedPersons.Created p = NumberedPersons.persons(Fixtures.community(), 1).get(0);
    TestApp.admin().get("/persons/" + p.id());
    List<String> rows = TestApp.jdbi().withHandle(h -> h.createQuery(
            "SELECT action || ' ' || coalesce(before::text, '') || ' ' || coalesce(after::text, '') FROM audit_events WHERE entity_id = :id")
        .bind("id", p.id().toString()).mapTo(String.class).list());
    assertTrue(rows.stream().anyMatch(r -> r.startsWith("CREATE")), rows.toString());
    assertTrue(rows.stream().anyMatch(r -> r.startsWith("READ_ID_NUMBER")), rows.toString());
    for (String r : rows) {
      assertTrue(!r.contains(p.idNumber()) && !r.contains(p.certificateNo()), r);
      // not even the 17 digits without the check digit
      assertTrue(!r.contains(p.idNumber().substring(0, 17)), r);
    }
  }
}
