package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.plans.Intervention;
import cn.donghe.rehab.plans.Plan;
import cn.donghe.rehab.plans.PlanService;
import cn.donghe.rehab.registry.Institution;
import cn.donghe.rehab.registry.InstitutionService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Plans as pages show them: interventions with their institution's name, read with the caller's scope. */
final class PlanViews {
  /** One intervention in plain words (codes are translated by the template). */
  public record InterventionView(String serviceType, String setting, UUID institutionId, String institutionName,
                                 Integer sessionsPerMonth, String notes, UUID referralId) {}

  private final PlanService plans;
  private final InstitutionService institutions;

  PlanViews(PlanService plans, InstitutionService institutions) {
    this.plans = plans;
    this.institutions = institutions;
  }

  /** The person's ACTIVE plan as the caller may read it, or null when there is none (or none they may see). */
  Plan current(AppUser user, UUID personId) {
    try {
      return plans.current(user, personId);
    } catch (ApiException e) {
      if (e.status() == 404) return null;
      throw e;
    }
  }

  List<InterventionView> interventions(Plan plan) {
    if (plan == null) return List.of();
    Map<UUID, String> names = names(plan.interventions());
    return plan.interventions().stream().map(i -> new InterventionView(i.serviceType(), i.setting(), i.institutionId(),
        i.institutionId() == null ? null : names.get(i.institutionId()), i.sessionsPerMonth(), i.notes(), i.referralId())).toList();
  }

  Map<UUID, String> names(List<Intervention> interventions) {
    Map<UUID, String> names = new LinkedHashMap<>();
    interventions.stream().map(Intervention::institutionId).filter(Objects::nonNull).distinct()
        .forEach(id -> names.put(id, institutions.find(id).map(Institution::name).orElse("")));
    return names;
  }
}
