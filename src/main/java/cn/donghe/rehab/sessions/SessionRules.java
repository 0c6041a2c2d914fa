package cn.donghe.rehab.sessions;

import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Text;
import java.math.BigDecimal;
import java.time.LocalDate;

/** The checks on a session body that need no database. */
final class SessionRules {
  static final BigDecimal MAX_FEE = new BigDecimal("100000.00");
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

  static Checks validate(SessionInput in, LocalDate today) {
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
    c.require(in.fee() == null || (in.fee().signum() >= 0 && in.fee().compareTo(MAX_FEE) <= 0), "fee",
        "费用须在 0.00 到 100000.00 之间 / fee must be 0.00..100000.00");
    c.required(in.useChildAid(), "useChildAid");
    Text.check(c, in.notes(), 1000, "notes");
    c.require(in.planRevision() == null || in.planId() != null, "planId", "指定 planRevision 时须同时指定 planId / planId required with planRevision");
    c.require(in.planRevision() == null || in.planRevision() >= 1, "planRevision", "版本号须为正整数 / must be a positive integer");
    return c;
  }
}
