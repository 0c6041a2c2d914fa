package cn.donghe.rehab.auth;

/** The four roles of DESIGN section 2. */
public enum Role {
  ADMIN, INSTITUTION, DOCTOR, GUARDIAN;

  public static final String ADMIN_S = "ADMIN";
  public static final String INSTITUTION_S = "INSTITUTION";
  public static final String DOCTOR_S = "DOCTOR";
  public static final String GUARDIAN_S = "GUARDIAN";
}
