package cn.donghe.rehab.sessions;

import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.ServiceType;
import cn.donghe.rehab.common.Text;
import java.math.BigDecimal;
import java.time.LocalDate;

/** The checks on a session body that need no database. */
final class SessionRules {
  static final int MAX_KEY_LENGTH = 200;

  private SessionRules() {}

  static void checkKey(String key) {
    if (key == null || key.isBlank()) {
      throw ApiException.badRequest("Idempotency-Key", "缺少请求头 Idempotency-Key / the Idempotency-Key header is required");
    }
    if (key.length() > MAX_KEY_LENGTH || !key.matches("[\\x21-\\x7E]+")) {
      throw ApiException.badRequest("Idempotency-Key",
          "Idempotency-Key 须为 1-200 个可见 ASCII 字符 / Idempotency-Key must be 1-200 visible ASCII characters");
    }
  }

  /**
   * The body rules. {@code maxFee}: the per-session cap; {@code lateEntryDays}: how far back a non-ADMIN may date a
   * session (inclusive); {@code admin}: the caller is an ADMIN, who may date further back with a lateEntryReason.
   */
  static Checks validate(SessionInput in, LocalDate today, BigDecimal maxFee, int lateEntryDays, boolean admin) {
    Checks c = new Checks();
    c.required(in.personId(), "personId");
    c.required(in.serviceType(), "serviceType");
    c.require(in.serviceType() == null || ServiceType.isValid(in.serviceType()), "serviceType",
        "未知服务类型 / unknown service type (REHAB_MEDICAL, REHAB_TRAINING, DEVICE_SERVICE, PSYCHOLOGICAL_SUPPORT, REHAB_NURSING, HEALTH_EDUCATION)");
    c.required(in.date(), "date");
    c.require(in.date() == null || !in.date().isAfter(today), "date", "服务日期不能晚于今天 / date cannot be in the future");
    c.required(in.durationMinutes(), "durationMinutes");
    c.require(in.durationMinutes() == null || (in.durationMinutes() >= 1 && in.durationMinutes() <= 480), "durationMinutes",
        "时长须在 1 到 480 分钟之间 / durationMinutes must be 1..480");
    c.required(in.therapist(), "therapist");
    Text.check(c, in.therapist(), 100, "therapist");
    c.required(in.fee(), "fee");
    c.require(in.fee() == null || (in.fee().signum() >= 0 && in.fee().compareTo(maxFee) <= 0), "fee",
        "费用须在 0.00 到 " + maxFee.toPlainString() + " 之间 / fee must be 0.00.." + maxFee.toPlainString());
    c.require(in.insurancePaid() == null || in.insurancePaid().signum() >= 0, "insurancePaid", "医保支付不能为负 / insurancePaid cannot be negative");
    c.require(in.insurancePaid() == null || in.fee() == null || in.insurancePaid().compareTo(in.fee()) <= 0, "insurancePaid",
        "医保支付不能超过费用 / insurancePaid cannot exceed the fee");
    c.required(in.useChildAid(), "useChildAid");
    Text.check(c, in.notes(), 1000, "notes");
    c.require(in.planRevision() == null || in.planId() != null, "planId", "指定 planRevision 时须同时指定 planId / planId required with planRevision");
    c.require(in.planRevision() == null || in.planRevision() >= 1, "planRevision", "版本号须为正整数 / must be a positive integer");
    c.require(in.setting() == null || SETTINGS.contains(in.setting()), "setting",
        "服务场所须为 HOME、COMMUNITY 或 INSTITUTION / setting must be HOME, COMMUNITY or INSTITUTION");
    lateEntry(c, in, today, lateEntryDays, admin);
    return c;
  }

  static final java.util.Set<String> SETTINGS = java.util.Set.of("HOME", "COMMUNITY", "INSTITUTION");

  /** A family doctor's session (DESIGN section 12): never paid by child aid, always for the doctor's own clinic. */
  static void doctor(Checks c, SessionInput in, java.util.UUID clinicId) {
    c.require(!Boolean.TRUE.equals(in.useChildAid()), "useChildAid",
        "家庭医生的服务不使用康复救助 / a family doctor's session cannot use child rehab aid");
    c.require(in.institutionId() == null || in.institutionId().equals(clinicId), "institutionId",
        "只能为本人所在机构登记 / a doctor logs sessions for their own clinic only");
  }

  /**
   * Late entry (DESIGN section 6): a date more than {@code lateEntryDays} back is refused (422 date) unless an ADMIN
   * records it with a lateEntryReason (422 lateEntryReason without one). Only an ADMIN may give a reason.
   */
  private static void lateEntry(Checks c, SessionInput in, LocalDate today, int lateEntryDays, boolean admin) {
    boolean late = in.date() != null && in.date().isBefore(today.minusDays(lateEntryDays));
    boolean reasoned = in.lateEntryReason() != null && !in.lateEntryReason().isBlank();
    if (!admin) {
      c.require(!late, "date", "服务日期最早为 " + lateEntryDays + " 天前；更早的记录须由管理员补录并说明原因 / date may be at most "
          + lateEntryDays + " days back; an ADMIN records older sessions with a lateEntryReason");
      c.require(in.lateEntryReason() == null, "lateEntryReason", "仅管理员可补录 / only an ADMIN records late entries");
    } else {
      c.require(!late || reasoned, "lateEntryReason", "日期早于 " + lateEntryDays + " 天前，须说明补录原因 / required when the date is more than "
          + lateEntryDays + " days back");
      Text.check(c, in.lateEntryReason(), 500, "lateEntryReason");
    }
  }
}
