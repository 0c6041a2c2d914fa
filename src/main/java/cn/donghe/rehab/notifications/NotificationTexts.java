package cn.donghe.rehab.notifications;

import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Texts of notifications from {@code i18n/notifications_zh_CN.properties} and {@code i18n/notifications_en.properties}
 * (UTF-8): {@code notification.<KIND>.subject} and {@code .body}, with {@code {name}} placeholders filled from the
 * event's params. Parameters are plain text; the HTML part escapes them.
 */
final class NotificationTexts {
  static final String ZH = "zh-CN";
  static final String EN = "en";

  private NotificationTexts() {}

  static String subject(String language, String kind, Map<String, String> params) {
    return fill(text(language, "notification." + kind + ".subject"), params);
  }

  static String body(String language, String kind, Map<String, String> params) {
    return fill(text(language, "notification." + kind + ".body"), params);
  }

  static String text(String language, String key) {
    ResourceBundle b = ResourceBundle.getBundle("i18n/notifications", EN.equals(language) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    try {
      return b.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
  }

  static String fill(String pattern, Map<String, String> params) {
    String s = pattern;
    for (Map.Entry<String, String> p : params.entrySet()) s = s.replace("{" + p.getKey() + "}", p.getValue() == null ? "" : p.getValue());
    return s;
  }

  static String html(String subject, String body) {
    return "<!DOCTYPE html><html><body><h1>" + escape(subject) + "</h1><p>" + escape(body) + "</p></body></html>";
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }
}
