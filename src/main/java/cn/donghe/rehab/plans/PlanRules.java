package cn.donghe.rehab.plans;

import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.ServiceType;
import cn.donghe.rehab.common.Text;
import cn.donghe.rehab.registry.Institution;
import cn.donghe.rehab.registry.InstitutionService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** What makes a plan's content valid; every failing field is named (interventions[1].setting ...). */
public final class PlanRules {
  static final List<String> SETTINGS = List.of("HOME", "COMMUNITY", "INSTITUTION");
  static final int MAX_GOALS = 20;
  static final int MAX_INTERVENTIONS = 30;

  private PlanRules() {}

  /** Checks what needs no database and returns the cleaned content (trimmed texts). */
  public static PlanContent check(Checks c, PlanContent in, LocalDate today) {
    List<Goal> goals = goals(c, in.goals());
    List<Intervention> interventions = new ArrayList<>();
    if (in.interventions() == null || in.interventions().isEmpty()) {
      c.require(false, "interventions", "至少一项干预措施 / at least one intervention");
    } else {
      c.require(in.interventions().size() <= MAX_INTERVENTIONS, "interventions",
          "最多 " + MAX_INTERVENTIONS + " 项干预措施 / at most " + MAX_INTERVENTIONS + " interventions");
      for (int i = 0; i < in.interventions().size(); i++) {
        interventions.add(intervention(c, in.interventions().get(i), "interventions[" + i + "]"));
      }
    }
    c.required(in.startDate(), "startDate");
    c.required(in.reviewDate(), "reviewDate");
    if (in.startDate() != null) {
      c.require(in.startDate().getYear() >= 2000, "startDate", "开始日期不能早于 2000 年 / startDate before 2000");
      c.require(!in.startDate().isAfter(today.plusYears(1)), "startDate", "开始日期不能晚于一年之后 / startDate more than a year ahead");
    }
    if (in.startDate() != null && in.reviewDate() != null) {
      c.require(!in.reviewDate().isBefore(in.startDate()), "reviewDate", "复评日期不能早于开始日期 / reviewDate before startDate");
      c.require(!in.reviewDate().isAfter(in.startDate().plusYears(3)), "reviewDate",
          "复评日期不能晚于开始后三年 / reviewDate more than 3 years after startDate");
    }
    return new PlanContent(goals, interventions, in.startDate(), in.reviewDate());
  }

  /**
   * Goals: 1..MAX_GOALS, each a non-empty text of at most 500 characters, given as a string or an object whose status
   * is one of {@link Goal#STATUSES}; returns them cleaned (trimmed), in the form they were given.
   */
  public static List<Goal> goals(Checks c, List<Goal> in) {
    List<Goal> goals = new ArrayList<>();
    if (in == null || in.isEmpty()) {
      c.require(false, "goals", "至少一个康复目标 / at least one goal");
      return goals;
    }
    c.require(in.size() <= MAX_GOALS, "goals", "最多 " + MAX_GOALS + " 个目标 / at most " + MAX_GOALS + " goals");
    for (int i = 0; i < in.size(); i++) {
      Goal g = in.get(i);
      String f = "goals[" + i + "]";
      String text = g == null ? null : g.text();
      c.require(text != null && !text.isBlank(), f, "目标须为非空文字或 {\"text\",\"status\"} / a goal is a non-empty text or {\"text\",\"status\"}");
      Text.check(c, text, 500, f);
      boolean statusOk = g == null || g.plain() || (g.status() != null && Goal.STATUSES.contains(g.status()));
      c.require(statusOk, f + ".status", "须为 PROPOSED、IN_PROGRESS、ACHIEVED 或 NOT_ACHIEVED / status must be PROPOSED, IN_PROGRESS, ACHIEVED or NOT_ACHIEVED");
      if (g != null && text != null) goals.add(g.plain() ? Goal.plain(Text.clean(text)) : Goal.of(Text.clean(text), g.status()));
    }
    return goals;
  }

  private static Intervention intervention(Checks c, Intervention in, String f) {
    if (in == null) {
      c.require(false, f, "不能为空 / cannot be null");
      return null;
    }
    c.require(ServiceType.isValid(in.serviceType()), f + ".serviceType",
        "须为 REHAB_MEDICAL、REHAB_TRAINING、DEVICE_SERVICE、PSYCHOLOGICAL_SUPPORT、REHAB_NURSING、HEALTH_EDUCATION 之一 / unknown service type");
    c.require(in.setting() != null && SETTINGS.contains(in.setting()), f + ".setting",
        "须为 HOME、COMMUNITY 或 INSTITUTION / setting must be HOME, COMMUNITY or INSTITUTION");
    c.require(in.sessionsPerMonth() != null && in.sessionsPerMonth() >= 1 && in.sessionsPerMonth() <= 31, f + ".sessionsPerMonth",
        "每月次数须为 1 到 31 / sessionsPerMonth must be 1..31");
    c.require(!"INSTITUTION".equals(in.setting()) || in.institutionId() != null, f + ".institutionId",
        "机构内服务须指定机构 / an INSTITUTION setting names its institution");
    Text.check(c, in.notes(), 1000, f + ".notes");
    String notes = in.notes() == null || in.notes().isBlank() ? null : Text.clean(in.notes());
    return new Intervention(in.serviceType(), in.institutionId(), in.setting(), in.sessionsPerMonth(), notes, in.referralId());
  }

  /**
   * Named referrals are referrals of this person to the intervention's institution (when it names one) for its
   * service type; anything else, an unknown id included, is 422 on the intervention's referralId (one message, so
   * the answer tells nothing about referrals of other persons).
   */
  public static void checkReferrals(Checks c, Handle h, PlanContent content, UUID personId, ReferralLinks links) {
    for (int i = 0; i < content.interventions().size(); i++) {
      Intervention iv = content.interventions().get(i);
      if (iv.referralId() == null) continue;
      Optional<ReferralLinks.Target> t = links == null ? Optional.empty() : links.find(h, iv.referralId());
      boolean fits = t.isPresent() && t.get().personId().equals(personId) && t.get().serviceType().equals(iv.serviceType())
          && (iv.institutionId() == null || iv.institutionId().equals(t.get().toInstitutionId()));
      c.require(fits, "interventions[" + i + "].referralId",
          "须为该人员转介到此机构、此服务类型的转介 / must be a referral of this person to this institution for this service type");
    }
  }

  /** Named institutions exist and deliver rehab or device services. */
  public static void checkInstitutions(Checks c, Handle h, PlanContent content) {
    for (int i = 0; i < content.interventions().size(); i++) {
      Intervention iv = content.interventions().get(i);
      if (iv.institutionId() == null) continue;
      Optional<Institution> inst = InstitutionService.find(h, iv.institutionId());
      c.require(inst.isPresent(), "interventions[" + i + "].institutionId", "机构不存在 / unknown institution");
      c.require(inst.isEmpty() || inst.get().offers("REHAB") || inst.get().offers("DEVICE"), "interventions[" + i + "].institutionId",
          "该机构不提供康复或辅具服务 / institution offers neither REHAB nor DEVICE services");
    }
  }
}
