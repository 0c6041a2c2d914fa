package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A message key is defined once per bundle: a second definition silently replaces the first
 * (the doctor's worklist once showed the admin worklist's "{0}, {1}" texts that way).
 */
class BundleKeysTest {
  @Test
  void everyKey_isDefinedOncePerBundle() throws IOException {
    for (String bundle : List.of("/i18n/messages_zh_CN.properties", "/i18n/messages_en.properties")) {
      List<String> twice = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      try (InputStream in = BundleKeysTest.class.getResourceAsStream(bundle)) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          String l = line.strip();
          if (l.isEmpty() || l.startsWith("#") || !l.contains("=")) continue;
          String key = l.substring(0, l.indexOf('=')).strip();
          if (!seen.add(key)) twice.add(key);
        }
      }
      assertEquals(List.of(), twice, bundle);
    }
  }
}
