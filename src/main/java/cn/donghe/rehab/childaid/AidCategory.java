package cn.donghe.rehab.childaid;

import cn.donghe.rehab.registry.Person;

/** Categories of the child rehab aid programme and which children each fits. */
public enum AidCategory {
  PHYSICAL("肢体"), INTELLECTUAL("智力"), AUTISM("孤独症"), HEARING("听力"), LOW_VISION("低视力");

  private final String zh;
  AidCategory(String zh) { this.zh = zh; }
  public String zh() { return zh; }

  public static AidCategory parse(String s) {
    if (s == null) return null;
    try { return valueOf(s); } catch (IllegalArgumentException e) { return null; }
  }

  /**
   * True when the child's recorded disability fits this aid category: PHYSICAL, INTELLECTUAL and
   * HEARING map one to one, VISUAL maps to LOW_VISION, and AUTISM needs the autism flag.
   */
  public boolean fits(Person child) {
    return switch (this) {
      case PHYSICAL -> "PHYSICAL".equals(child.category());
      case INTELLECTUAL -> "INTELLECTUAL".equals(child.category());
      case HEARING -> "HEARING".equals(child.category());
      case LOW_VISION -> "VISUAL".equals(child.category());
      case AUTISM -> child.autism();
    };
  }
}
