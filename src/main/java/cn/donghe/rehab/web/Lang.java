package cn.donghe.rehab.web;

import java.util.Locale;

/** The page languages: Chinese first (default), English selectable and remembered in a cookie. */
public enum Lang {
  ZH("zh-CN", Locale.SIMPLIFIED_CHINESE, "zh_CN"),
  EN("en", Locale.ENGLISH, "en");

  private final String tag;
  private final Locale locale;
  private final String bundleSuffix;

  Lang(String tag, Locale locale, String bundleSuffix) {
    this.tag = tag;
    this.locale = locale;
    this.bundleSuffix = bundleSuffix;
  }

  /** BCP 47 tag for {@code <html lang>} and the cookie value. */
  public String tag() { return tag; }
  public Locale locale() { return locale; }
  String bundleSuffix() { return bundleSuffix; }

  /** Unknown or missing values fall back to Chinese. */
  public static Lang fromTag(String tag) {
    return "en".equals(tag) ? EN : ZH;
  }

  /**
   * Service messages are written "中文 / English"; shows the half for this language (the whole
   * text when it has no separator).
   */
  public String pick(String bilingual) {
    if (bilingual == null) return "";
    int i = bilingual.indexOf(" / ");
    if (i < 0) return bilingual;
    return this == ZH ? bilingual.substring(0, i).strip() : bilingual.substring(i + 3).strip();
  }
}
