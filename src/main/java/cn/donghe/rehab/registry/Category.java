package cn.donghe.rehab.registry;

/** Disability categories; the ordinal+1 is the category digit of the second-generation certificate number. */
public enum Category {
  VISUAL("视力"), HEARING("听力"), SPEECH("言语"), PHYSICAL("肢体"), INTELLECTUAL("智力"), MENTAL("精神"), MULTIPLE("多重");

  private final String zh;
  Category(String zh) { this.zh = zh; }
  public String zh() { return zh; }
  public int digit() { return ordinal() + 1; }

  public static Category parse(String s) {
    if (s == null) return null;
    try { return valueOf(s); } catch (IllegalArgumentException e) { return null; }
  }
}
