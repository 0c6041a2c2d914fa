package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.registry.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every text of the pages exists in both languages, and every key the pages use is in both bundles. */
class MessagesTest {
  private static final Path TEMPLATES = Path.of("src/main/resources/templates");
  private static final Path SOURCES = Path.of("src/main/java/cn/donghe/rehab/web");
  /** t("key") in templates, and macro parameters that take a key: label=, legend=, hint=, blank=. */
  private static final Pattern TEMPLATE_KEY = Pattern.compile("(?:\\bt\\(|\\b(?:label|legend|hint|blank)=)\"([A-Za-z0-9_.]+)\"");
  private static final Pattern JAVA_LITERAL = Pattern.compile("\"([a-z][A-Za-z]*(?:\\.[A-Za-z0-9_]+)+)\"");

  @Test
  void bothLanguages_haveExactlyTheSameKeys() {
    Set<String> zh = Messages.keys(Lang.ZH);
    Set<String> en = Messages.keys(Lang.EN);
    Set<String> onlyZh = new TreeSet<>(zh);
    onlyZh.removeAll(en);
    Set<String> onlyEn = new TreeSet<>(en);
    onlyEn.removeAll(zh);
    assertTrue(onlyZh.isEmpty() && onlyEn.isEmpty(), "missing in English: " + onlyZh + "; missing in Chinese: " + onlyEn);
  }

  @Test
  void everyText_isAValidPattern_andNotBlank() {
    for (Lang lang : Lang.values()) {
      for (String key : Messages.keys(lang)) {
        String text = Messages.get(lang, key, "a", "b", "c");
        assertTrue(!text.isBlank() && !text.startsWith("??"), lang + " " + key);
        new MessageFormat(text, lang.locale());
      }
    }
  }

  @Test
  void everyKeyUsedByATemplate_isInBothBundles() throws IOException {
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".ftlh")).toList()) {
        Matcher m = TEMPLATE_KEY.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) missing.addAll(absent(m.group(1), f.getFileName().toString()));
      }
    }
    assertTrue(missing.isEmpty(), "keys missing from a bundle: " + missing);
  }

  @Test
  void everyKeyNamedInTheJavaCode_isInBothBundles() throws IOException {
    Set<String> namespaces = Messages.keys(Lang.ZH).stream().map(k -> k.substring(0, k.indexOf('.') < 0 ? k.length() : k.indexOf('.')))
        .collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    int found = 0;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = JAVA_LITERAL.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          String key = m.group(1);
          if (!namespaces.contains(key.substring(0, key.indexOf('.')))) continue;
          found++;
          missing.addAll(absent(key, f.getFileName().toString()));
        }
      }
    }
    assertTrue(found > 30, "the scan should see the keys of the resources, saw " + found);
    assertTrue(missing.isEmpty(), "keys missing from a bundle: " + missing);
  }

  @Test
  void keysBuiltFromCodes_areInBothBundles() {
    List<String> keys = new ArrayList<>();
    for (Category c : Category.values()) keys.add("category." + c.name());
    for (Role r : Role.values()) {
      keys.add("role." + r.name());
      Nav.forRole(r).forEach(i -> { keys.add(i.key()); keys.add(i.key() + ".desc"); });
    }
    Stream.of("M", "F").forEach(g -> keys.add("gender." + g));
    Stream.of("ACTIVE", "DECEASED", "MOVED_OUT", "CANCELLED").forEach(s -> keys.add("status." + s));
    Stream.of("REHAB", "DEVICE", "PRIMARY_CARE").forEach(s -> keys.add("service." + s));
    ServiceTypeCodes.CODES.forEach(c -> keys.add("serviceType." + c));
    ServiceTypeCodes.SETTINGS.forEach(c -> keys.add("setting." + c));
    ServiceTypeCodes.CONDITIONS.forEach(c -> keys.add("condition." + c));
    ServiceTypeCodes.AID_CATEGORIES.forEach(c -> keys.add("aidCategory." + c));
    ServiceTypeCodes.LEDGER_KINDS.forEach(c -> keys.add("ledger." + c));
    Stream.of("ACTIVE", "VOIDED").forEach(c -> keys.add("sessionStatus." + c));
    Stream.of("OVERDUE", "DUE_TODAY", "DUE_SOON", "ON_TIME").forEach(c -> keys.add("loanState." + c));
    Stream.of("OPEN", "RETURNED").forEach(c -> keys.add("loanStatus." + c));
    Stream.of("AVAILABLE", "ON_LOAN", "IN_REPAIR", "RETIRED").forEach(c -> keys.add("itemStatus." + c));
    Stream.of("OPEN", "IN_PROGRESS", "DONE", "UNREPAIRABLE").forEach(c -> keys.add("repairStatus." + c));
    Stream.of("RECEIVED", "REFURBISHED", "SCRAPPED").forEach(c -> keys.add("recyclingStatus." + c));
    Stream.of("BASIC", "PERSONALIZED").forEach(c -> keys.add("package." + c));
    Stream.of("plan", "assessment").forEach(c -> keys.add("saved." + c));
    Stream.of("400", "403", "404", "405", "409", "413", "415", "422", "429", "500", "other").forEach(s -> keys.add("error.title." + s));
    List<String> missing = keys.stream().flatMap(k -> absent(k, "code").stream()).toList();
    assertEquals(List.of(), missing);
  }

  @Test
  void aMissingKey_isVisible_notSilentlyEmpty() {
    assertEquals("??no.such.key??", Messages.get(Lang.EN, "no.such.key"));
  }

  private static List<String> absent(String key, String where) {
    List<String> out = new ArrayList<>();
    for (Lang lang : Lang.values()) if (!Messages.has(lang, key)) out.add(key + " (" + lang.tag() + ", " + where + ")");
    return out;
  }
}
