package cn.donghe.rehab.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page texts: {@code i18n/messages_zh_CN.properties} and {@code i18n/messages_en.properties}
 * (UTF-8). Every text is a {@link MessageFormat} pattern ({0}, {1} are arguments); write '' for a quote. A missing key shows as ??key?? and is logged; MessagesTest keeps that from shipping.
 */
public final class Messages {
  private static final Logger LOG = LoggerFactory.getLogger(Messages.class);
  private static final Map<Lang, Map<String, String>> BUNDLES = load();

  private Messages() {}

  public static String get(Lang lang, String key, Object... args) {
    String text = BUNDLES.get(lang).get(key);
    if (text == null) {
      LOG.warn("missing message key {} for {}", key, lang.tag());
      return "??" + key + "??";
    }
    return new MessageFormat(text, lang.locale()).format(args);
  }

  public static boolean has(Lang lang, String key) { return BUNDLES.get(lang).containsKey(key); }

  public static Set<String> keys(Lang lang) { return Collections.unmodifiableSet(new TreeSet<>(BUNDLES.get(lang).keySet())); }

  private static Map<Lang, Map<String, String>> load() {
    Map<Lang, Map<String, String>> all = new EnumMap<>(Lang.class);
    for (Lang lang : Lang.values()) {
      String path = "/i18n/messages_" + lang.bundleSuffix() + ".properties";
      Properties p = new Properties();
      try (InputStream in = Messages.class.getResourceAsStream(path)) {
        if (in == null) throw new IllegalStateException("message bundle missing: " + path);
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, String> m = new java.util.HashMap<>();
      p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
      all.put(lang, Map.copyOf(m));
    }
    return all;
  }
}
