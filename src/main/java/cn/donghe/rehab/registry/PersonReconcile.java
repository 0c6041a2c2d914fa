package cn.donghe.rehab.registry;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.FieldError;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Text;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code POST /persons/reconcile} (DESIGN section 13): compares the roster the federation receives from the national
 * disabled-population database with the register. Matches on the ID number's keyed hash (nothing is decrypted) and
 * answers three lists (only in the roster, only in the register among ACTIVE persons, field differences) with counts
 * per town. Changes nothing: the register is corrected by importing (mode=upsert). A town admin compares only their
 * own region: roster rows of other regions are counted as out of region, and a roster person registered elsewhere is
 * reported as "only in the roster" (the answer must not tell where someone is registered).
 */
public final class PersonReconcile {
  static final List<String> COLUMNS = List.of("idNumber", "name", "category", "grade", "regionCode", "status");
  private static final HexFormat HEX = HexFormat.of();
  private final Jdbi jdbi;
  private final PersonService persons;
  private final AuditLog audit;

  public PersonReconcile(Jdbi jdbi, PersonService persons, AuditLog audit) {
    this.jdbi = jdbi;
    this.persons = persons;
    this.audit = audit;
  }

  /** A roster row as read (numbers masked in every answer). */
  public record RosterPerson(int line, String idNumber, String name, String category, Integer grade, String regionCode, String status) {}

  public record RegisterPerson(UUID personId, String idNumber, String name, String category, Integer grade, String regionCode) {}

  public record Difference(int line, UUID personId, String name, String field, String register, String roster) {}

  public record Invalid(int line, List<FieldError> errors) {}

  public record TownCount(String townCode, int onlyInRoster, int onlyInRegister, int differences) {}

  public record Result(int rosterRows, int matched, int outOfRegion, List<RosterPerson> onlyInRoster, List<RegisterPerson> onlyInRegister,
                       List<Difference> differences, List<Invalid> invalid, List<TownCount> towns) {}

  public Result run(AppUser admin, byte[] csv) {
    List<Map<String, String>> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    read(csv, rows, lines);
    return jdbi.inTransaction(h -> {
      PersonDao dao = new PersonDao(h, persons.mapper());
      String prefix = admin.regionPrefix();
      List<RosterPerson> onlyInRoster = new ArrayList<>();
      List<Difference> differences = new ArrayList<>();
      List<Invalid> invalid = new ArrayList<>();
      Map<String, Integer> firstLine = new HashMap<>();
      Map<String, RosterPerson> roster = new LinkedHashMap<>();
      int outOfRegion = 0;
      for (int i = 0; i < rows.size(); i++) {
        Map<String, String> v = rows.get(i);
        int line = lines.get(i);
        List<FieldError> errors = new ArrayList<>();
        String id = IdNumbers.normalise(v.get("idNumber"));
        if (id == null) errors.add(new FieldError("idNumber", "身份证号须为 18 位且校验位正确 / ID number must be 18 characters with a valid check character"));
        String region = v.get("regionCode");
        if (region == null || !region.matches("[0-9]{12}")) errors.add(new FieldError("regionCode", "区划代码为 12 位数字 / 12-digit code"));
        Integer grade = null;
        if (v.get("grade") != null) {
          if (v.get("grade").matches("[1-4]")) grade = Integer.parseInt(v.get("grade"));
          else errors.add(new FieldError("grade", "残疾等级为 1 到 4 / grade must be 1..4"));
        }
        if (v.get("category") != null && Category.parse(v.get("category")) == null) {
          errors.add(new FieldError("category", "未知残疾类别 / unknown category"));
        }
        if (v.get("status") != null && !PersonService.isStatus(v.get("status"))) errors.add(new FieldError("status", "未知状态 / unknown status"));
        if (id != null) {
          Integer first = firstLine.putIfAbsent(id, line);
          if (first != null) errors.add(new FieldError("idNumber", "与第 " + first + " 行的身份证号重复 / same ID number as line " + first));
        }
        if (!errors.isEmpty()) {
          invalid.add(new Invalid(line, errors));
          continue;
        }
        if (!region.startsWith(prefix)) {
          outOfRegion++;
          continue;
        }
        roster.put(HEX.formatHex(persons.cipher().lookupHash(id)), new RosterPerson(line, IdNumbers.mask(id), Text.clean(v.get("name")),
            v.get("category"), grade, region, v.get("status") == null ? "ACTIVE" : v.get("status")));
      }
      Map<String, Person> registered = dao.byIdHashes(new ArrayList<>(roster.keySet()), false);
      int matched = 0;
      for (Map.Entry<String, RosterPerson> e : roster.entrySet()) {
        Person p = registered.get(e.getKey());
        RosterPerson r = e.getValue();
        if (p == null || !p.regionCode().startsWith(prefix)) {
          onlyInRoster.add(r);
          continue;
        }
        matched++;
        compare(differences, r, p, "name", p.name(), r.name());
        compare(differences, r, p, "category", p.category(), r.category());
        compare(differences, r, p, "grade", p.grade(), r.grade());
        compare(differences, r, p, "regionCode", p.regionCode(), r.regionCode());
        compare(differences, r, p, "status", p.status(), r.status());
      }
      List<RegisterPerson> onlyInRegister = new ArrayList<>();
      dao.activeWithHashes(prefix).forEach(e -> {
        if (!roster.containsKey(e.getKey())) {
          Person p = e.getValue();
          onlyInRegister.add(new RegisterPerson(p.id(), p.idNumber(), p.name(), p.category(), p.grade(), p.regionCode()));
        }
      });
      Result result = new Result(rows.size(), matched, outOfRegion, onlyInRoster, onlyInRegister, differences, invalid,
          towns(onlyInRoster, onlyInRegister, differences, registered, roster));
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("rosterRows", result.rosterRows());
      summary.put("matched", matched);
      summary.put("onlyInRoster", onlyInRoster.size());
      summary.put("onlyInRegister", onlyInRegister.size());
      summary.put("differences", differences.size());
      audit.record(h, admin, "RECONCILE", "person-reconcile", Ids.newId(), null, summary);
      return result;
    });
  }

  /** A field is compared only when the roster gives it. */
  private static void compare(List<Difference> out, RosterPerson r, Person p, String field, Object register, Object roster) {
    if (roster == null || Objects.equals(String.valueOf(register), String.valueOf(roster))) return;
    out.add(new Difference(r.line(), p.id(), p.name(), field, register == null ? null : register.toString(), roster.toString()));
  }

  private static List<TownCount> towns(List<RosterPerson> roster, List<RegisterPerson> register, List<Difference> diffs,
                                       Map<String, Person> registered, Map<String, RosterPerson> byHash) {
    Map<String, int[]> m = new TreeMap<>();
    roster.forEach(r -> m.computeIfAbsent(RegionCodes.townOf(r.regionCode()), k -> new int[3])[0]++);
    register.forEach(r -> m.computeIfAbsent(RegionCodes.townOf(r.regionCode()), k -> new int[3])[1]++);
    Map<UUID, String> regionOf = new HashMap<>();
    registered.values().forEach(p -> regionOf.put(p.id(), p.regionCode()));
    diffs.stream().map(Difference::personId).distinct()
        .forEach(id -> m.computeIfAbsent(RegionCodes.townOf(regionOf.get(id)), k -> new int[3])[2]++);
    List<TownCount> out = new ArrayList<>();
    m.forEach((town, n) -> out.add(new TownCount(town, n[0], n[1], n[2])));
    return out;
  }

  private static void read(byte[] csv, List<Map<String, String>> rows, List<Integer> lines) {
    String text = PersonCsv.decode(csv);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
    int[] starts = PersonCsv.lineStarts(text);
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
        .setIgnoreSurroundingSpaces(true).setAllowMissingColumnNames(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      List<String> header = parser.getHeaderNames().stream().map(String::strip).toList();
      List<FieldError> missing = COLUMNS.stream().filter(c -> !header.contains(c))
          .map(c -> new FieldError(c, "缺少必需列 / required column missing")).toList();
      if (!missing.isEmpty()) throw ApiException.invalid(missing);
      for (CSVRecord r : parser) {
        if (rows.size() >= PersonCsv.MAX_ROWS) {
          throw ApiException.badRequest("file", "一次最多 " + PersonCsv.MAX_ROWS + " 行 / at most " + PersonCsv.MAX_ROWS + " rows per file");
        }
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < header.size() && i < r.size(); i++) {
          String cell = r.get(i).strip();
          v.put(header.get(i), cell.isEmpty() ? null : cell);
        }
        rows.add(v);
        lines.add(PersonCsv.lineOf(starts, (int) r.getCharacterPosition()));
      }
    } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      throw ApiException.badRequest("file", "CSV 格式错误（如引号未闭合或列名重复） / malformed CSV (e.g. an unterminated quote or a repeated column)");
    }
  }
}
