package cn.donghe.rehab.registry;

import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.FieldError;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the person import file: UTF-8 (a BOM is skipped), RFC 4180 CSV, a header row naming the
 * columns with the JSON field names of POST /persons in any order, the guardian as
 * {@code guardian.name}, {@code guardian.phone}, {@code guardian.relation}. Line numbers are the
 * physical lines of the file (the header is line 1), so a clerk can find the row in a spreadsheet.
 */
final class PersonCsv {
  static final int MAX_ROWS = 10_000;
  static final List<String> COLUMNS = List.of("name", "gender", "birthDate", "idNumber", "certificateNo", "category", "grade",
      "autism", "regionCode", "phone", "guardian.name", "guardian.phone", "guardian.relation");
  /** Columns only the upsert mode reads: the status change and, for a category/grade change, the rating's date and reason. */
  static final List<String> UPSERT_COLUMNS = List.of("status", "statusDate", "effectiveDate", "reason");
  static final List<String> REQUIRED_COLUMNS = List.of("name", "gender", "birthDate", "idNumber", "category", "regionCode");

  private PersonCsv() {}

  /** One data row: its line, the input it denotes, and the cells that could not be read as their type. */
  record Row(int line, PersonInput input, Changes changes, List<FieldError> cellErrors) {}

  /** The upsert columns of a row (null when the cell is empty or the column absent). */
  record Changes(String status, LocalDate statusDate, LocalDate effectiveDate, String reason) {}

  /** The whole file: header problems (reported as line 1) or the rows. */
  record Parsed(List<FieldError> headerErrors, List<Row> rows) {}

  static Parsed parse(byte[] body) { return parse(body, false); }

  static Parsed parse(byte[] body, boolean upsert) {
    String text = decode(body);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
    int[] lineStarts = lineStarts(text);
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
        .setIgnoreSurroundingSpaces(true).setAllowMissingColumnNames(true).setDuplicateHeaderMode(
            org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      List<String> header = parser.getHeaderNames().stream().map(String::strip).toList();
      List<FieldError> headerErrors = checkHeader(header, upsert);
      if (!headerErrors.isEmpty()) return new Parsed(headerErrors, List.of());
      List<Row> rows = new ArrayList<>();
      for (CSVRecord r : parser) {
        if (rows.size() >= MAX_ROWS) {
          throw ApiException.badRequest("file", "一次最多导入 " + MAX_ROWS + " 行 / at most " + MAX_ROWS + " rows per file");
        }
        int line = lineOf(lineStarts, (int) r.getCharacterPosition());
        rows.add(row(line, header, r));
      }
      if (rows.isEmpty()) return new Parsed(List.of(new FieldError("file", "文件没有数据行 / the file has no data rows")), List.of());
      return new Parsed(List.of(), rows);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw ApiException.badRequest("file", "CSV 格式错误（如引号未闭合） / malformed CSV (e.g. an unterminated quote)");
    }
  }

  static String decode(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("file", "文件须为 UTF-8 编码（电子表格导出的 GBK 文件请另存为“CSV UTF-8”） / the file must be UTF-8 encoded "
          + "(a GBK export from a spreadsheet program: save it as \"CSV UTF-8\")");
    }
  }

  private static List<FieldError> checkHeader(List<String> header, boolean upsert) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String h : header) {
      if (h.isEmpty()) errors.add(new FieldError("header", "列名不能为空 / empty column name"));
      else if (!COLUMNS.contains(h) && !(upsert && UPSERT_COLUMNS.contains(h))) {
        errors.add(new FieldError(h, "未知列 / unknown column; allowed: " + String.join(", ", COLUMNS)
            + (upsert ? ", " + String.join(", ", UPSERT_COLUMNS) : " (status, statusDate, effectiveDate, reason: only with mode=upsert)")));
      }
      else if (!seen.add(h)) errors.add(new FieldError(h, "列重复 / duplicate column"));
    }
    for (String required : REQUIRED_COLUMNS) {
      if (!seen.contains(required)) errors.add(new FieldError(required, "缺少必需列 / required column missing"));
    }
    return errors;
  }

  private static Row row(int line, List<String> header, CSVRecord r) {
    List<FieldError> errors = new ArrayList<>();
    if (r.size() != header.size()) {
      errors.add(new FieldError("line", "列数 " + r.size() + " 与表头 " + header.size() + " 不符 / " + r.size()
          + " cells but " + header.size() + " columns"));
    }
    Map<String, String> v = new HashMap<>();
    for (int i = 0; i < header.size() && i < r.size(); i++) {
      String cell = r.get(i).strip();
      v.put(header.get(i), cell.isEmpty() ? null : cell);
    }
    LocalDate birth = date(v, "birthDate", errors);
    Integer grade = null;
    if (v.get("grade") != null) {
      if (v.get("grade").matches("[0-9]{1,2}")) grade = Integer.parseInt(v.get("grade"));
      else errors.add(new FieldError("grade", "等级应为 1 到 4 的整数 / grade must be an integer 1..4"));
    }
    Boolean autism = null;
    if (v.get("autism") != null) {
      switch (v.get("autism").toLowerCase(Locale.ROOT)) {
        case "true" -> autism = true;
        case "false" -> autism = false;
        default -> errors.add(new FieldError("autism", "应为 true 或 false / must be true or false"));
      }
    }
    Person.Guardian guardian = v.get("guardian.name") == null && v.get("guardian.phone") == null && v.get("guardian.relation") == null
        ? null : new Person.Guardian(v.get("guardian.name"), v.get("guardian.phone"), v.get("guardian.relation"));
    PersonInput in = new PersonInput(v.get("name"), v.get("gender"), birth, v.get("idNumber"), v.get("certificateNo"),
        v.get("category"), grade, autism, v.get("regionCode"), v.get("phone"), guardian);
    Changes changes = new Changes(v.get("status"), date(v, "statusDate", errors), date(v, "effectiveDate", errors), v.get("reason"));
    return new Row(line, in, changes, errors);
  }

  private static LocalDate date(Map<String, String> v, String column, List<FieldError> errors) {
    if (v.get(column) == null) return null;
    try {
      return LocalDate.parse(v.get(column));
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(column, "日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD"));
      return null;
    }
  }

  /** Offsets at which each physical line starts (line i+1 starts at starts[i]). */
  static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) starts.add(i + 1);
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  static int lineOf(int[] starts, int position) {
    int lo = 0;
    int hi = starts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= position) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
