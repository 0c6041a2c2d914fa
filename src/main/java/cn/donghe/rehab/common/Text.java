package cn.donghe.rehab.common;

import java.text.Normalizer;

/** Input text hygiene shared by all features. */
public final class Text {
  private Text() {}

  /** Trims and NFC-normalises; null stays null. Rare CJK (extension B, surrogate pairs) is kept as is. */
  public static String clean(String s) {
    if (s == null) return null;
    return Normalizer.normalize(s.strip(), Normalizer.Form.NFC);
  }

  /** True when the text has control characters (other than tab/newline) or unpaired surrogates. */
  public static boolean hasIllegalChars(String s) {
    if (s == null) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') return true;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return true;
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every JSON string the API reads: control characters (other than tab and newlines) and unpaired surrogates
   * are refused (422 naming the field). PostgreSQL cannot store NUL, and a lone surrogate would be silently
   * stored as '?', so no field may carry them, checked or not.
   */
  public static com.fasterxml.jackson.databind.Module jacksonModule() {
    com.fasterxml.jackson.databind.module.SimpleModule m = new com.fasterxml.jackson.databind.module.SimpleModule("text");
    m.addDeserializer(String.class, new com.fasterxml.jackson.databind.deser.std.StringDeserializer() {
      @Override public String deserialize(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.DeserializationContext c)
          throws java.io.IOException {
        String s = super.deserialize(p, c);
        if (hasIllegalChars(s)) {
          throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(p, "包含非法字符 / contains illegal characters", s, String.class);
        }
        return s;
      }
    });
    return m;
  }

  /** Checks a free-text field: length in code points and no control characters. */
  public static void check(Checks checks, String value, int max, String field) {
    checks.maxLength(value, max, field);
    checks.require(!hasIllegalChars(value), field, "包含非法字符 / contains illegal characters");
  }
}
