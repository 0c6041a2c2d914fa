package cn.donghe.rehab.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reports and worklists as CSV (BOM, Chinese) and XLSX with the same figures as the JSON answer. */
class ExportApiTest {
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static Scenario2025 s;

  @BeforeAll
  static void scenario() { s = Scenario2025.get(); }

  private static Api.Resp get(String path, String accept) {
    Api.Resp r = ReportFixtures.admin().withHeader("Accept", accept).get(path);
    assertEquals(200, r.status(), r.toString());
    return r;
  }

  private static List<CSVRecord> csv(Api.Resp r) throws Exception {
    byte[] body = r.raw().body();
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3), "UTF-8 BOM first");
    String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
  }

  @Test
  void indicatorsCsv_byAccept_hasBomChineseAndTheJsonFigures() throws Exception {
    Api.Resp r = get("/reports/indicators?" + s.query("&groupBy=COMMUNITY"), "text/csv");
    assertTrue(r.contentType().startsWith("text/csv"), r.contentType());
    assertEquals("attachment; filename=\"indicators-2025-" + s.area.town() + ".csv\"", r.header("Content-Disposition"));
    List<CSVRecord> rows = csv(r);
    CSVRecord total = rows.stream().filter(x -> x.get("指标代码 Code").equals("REHAB_SERVICE_RATE") && x.get("分组 Group").equals("合计 Total"))
        .findFirst().orElseThrow();
    assertEquals("精准康复服务覆盖率 Rehabilitation service coverage", total.get("指标 Indicator"));
    assertEquals(List.of("5", "8", "62.50", "90", "否", "3"), List.of(total.get("分子 Numerator"), total.get("分母 Denominator"),
        total.get("率(%) Rate"), total.get("目标(%) Target"), total.get("达标 Met"), total.get("差额(人) Shortfall")));
    CSVRecord a = rows.stream().filter(x -> x.get("指标代码 Code").equals("REHAB_SERVICE_RATE") && x.get("分组 Group").equals(s.area.a()))
        .findFirst().orElseThrow();
    assertEquals("测试社区" + s.area.a().substring(9), a.get("分组名称 Group name"));
    assertEquals(List.of("4", "7", "57.14"), List.of(a.get("分子 Numerator"), a.get("分母 Denominator"), a.get("率(%) Rate")));
    assertEquals("REHAB_SERVICE_RATE/2026-2", total.get("定义版本 Definition"));
  }

  @Test
  void indicatorsXlsx_byFormat_readsBackWithTheSameFigures() throws Exception {
    Api.Resp r = get("/reports/indicators?" + s.query("&format=xlsx"), "application/json");
    assertEquals(XLSX, r.contentType());
    assertTrue(r.header("Content-Disposition").endsWith(".xlsx\""));
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(r.raw().body()))) {
      List<Sheet> sheets = wb.getSheets().collect(Collectors.toList());
      assertEquals(List.of("指标 Indicators", "定义 Definitions"), sheets.stream().map(Sheet::getName).toList());
      List<Row> rows = sheets.get(0).read();
      assertEquals("分子 Numerator", rows.get(0).getCellText(7));
      Row rehab = rows.stream().filter(x -> "REHAB_SERVICE_RATE".equals(x.getCellText(3))).findFirst().orElseThrow();
      assertEquals(5, rehab.getCellAsNumber(7).orElseThrow().intValue());
      assertEquals(8, rehab.getCellAsNumber(8).orElseThrow().intValue());
      assertEquals("62.50", rehab.getCellText(9));
      assertEquals(3, rehab.getCellAsNumber(12).orElseThrow().intValue());
      Row contract = rows.stream().filter(x -> "DOCTOR_CONTRACT_RATE".equals(x.getCellText(3))).findFirst().orElseThrow();
      assertEquals(List.of(2, 9), List.of(contract.getCellAsNumber(7).orElseThrow().intValue(), contract.getCellAsNumber(8).orElseThrow().intValue()));
      List<Row> defs = sheets.get(1).read();
      assertEquals("REHAB_SERVICE_RATE/2026-2", defs.get(1).getCellText(1));
    }
  }

  @Test
  void worklistCsvAndXlsx_holdTheWholeList() throws Exception {
    String path = "/reports/indicators/REHAB_SERVICE_RATE/unserved?" + s.query("&limit=1");
    List<CSVRecord> rows = csv(get(path, "text/csv"));
    List<String> ids = new ArrayList<>(rows.stream().map(x -> x.get("人员编号 Person id")).sorted().toList());
    assertEquals(new java.util.TreeSet<>(List.of(s.p2, s.p3, s.p7)).stream().toList(), ids);
    assertTrue(rows.get(0).get("身份证号 ID number").contains("********"));
    assertEquals("REHAB_TRAINING", rows.get(0).get("康复需求 Rehab needs"));
    Api.Resp x = get(path, XLSX);
    assertEquals(XLSX, x.contentType());
    assertTrue(x.header("Content-Disposition").contains("unserved-REHAB_SERVICE_RATE-2025-" + s.area.town()));
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(x.raw().body()))) {
      List<Row> sheet = wb.getFirstSheet().read();
      assertEquals(4, sheet.size(), "header + 3 persons");
      assertEquals("姓名 Name", sheet.get(0).getCellText(1));
    }
  }

  @Test
  void jsonStaysTheDefault_forWildcardAccept() {
    Api.Resp r = get("/reports/indicators?" + s.query(""), "*/*");
    assertTrue(r.contentType().startsWith("application/json"), r.contentType());
  }
}
