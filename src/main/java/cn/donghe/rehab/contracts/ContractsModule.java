package cn.donghe.rehab.contracts;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.plans.PersonPlanResource;
import cn.donghe.rehab.plans.PersonPlansResource;
import cn.donghe.rehab.plans.PlanResource;
import cn.donghe.rehab.plans.PlanService;
import cn.donghe.rehab.registry.PersonScope;
import cn.donghe.rehab.registry.PersonService;

/** Wires contracts, needs assessments and rehab plans (services in ctx for other features, resources). */
public final class ContractsModule {
  private ContractsModule() {}

  public static void register(AppContext ctx) {
    PersonService persons = ctx.get(PersonService.class);
    PersonScope scope = ctx.get(PersonScope.class);
    ContractService contracts = ctx.put(ContractService.class, new ContractService(ctx.jdbi(), ctx.audit(), ctx.clock(), persons));
    AssessmentService assessments = ctx.put(AssessmentService.class,
        new AssessmentService(ctx.jdbi(), ctx.audit(), ctx.clock(), persons, scope, ctx.get(cn.donghe.rehab.common.PeriodGuard.class)));
    PlanService plans = ctx.put(PlanService.class, new PlanService(ctx.jdbi(), ctx.audit(), ctx.clock(), ctx.mapper(), persons, scope));
    ctx.register(new ContractResource(contracts));
    ctx.register(new AssessmentResource(assessments));
    ctx.register(new PlanResource(plans));
    ctx.register(new PersonPlanResource(plans));
    ctx.register(new PersonPlansResource(plans));
  }
}
