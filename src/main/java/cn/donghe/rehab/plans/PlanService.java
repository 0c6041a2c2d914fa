package cn.donghe.rehab.plans;

import cn.donghe.rehab.common.SqlStates;
import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Text;
import cn.donghe.rehab.registry.Person;
import cn.donghe.rehab.registry.PersonScope;
import cn.donghe.rehab.registry.PersonService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Rehab plans (一人一案): one ACTIVE plan per person (a partial unique index makes that true), each
 * change a new append-only revision guarded by If-Match. Writers: ADMIN, the contracted DOCTOR.
 * Readers additionally: GUARDIAN (current plan of own children), INSTITUTION (plans naming it).
 */
public final class PlanService {
  private static final String PLAN = "康复方案 plan";
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final PersonService persons;
  private final PersonScope scope;
  private volatile ReferralLinks referrals;

  public PlanService(Jdbi jdbi, AuditLog audit, Clock clock, ObjectMapper mapper, PersonService persons, PersonScope scope) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.mapper = mapper;
    this.persons = persons;
    this.scope = scope;
  }

  /** Wiring: how interventions' referralIds are checked (the referrals module calls this before serving). */
  public void linkReferrals(ReferralLinks links) { this.referrals = links; }

  /** For other features (sessions): true when {@code planId} names a plan of this person. In the caller's transaction. */
  public boolean isPlanOf(Handle h, UUID planId, UUID personId) {
    return new PlanDao(h, mapper).isPlanOf(planId, personId);
  }

  /** For other features (sessions): the revision of a plan, with its person, or empty when no such revision exists. */
  public Optional<PlanRef> findRevision(Handle h, UUID planId, int revision) {
    return new PlanDao(h, mapper).ref(planId, revision);
  }

  public Plan create(AppUser user, UUID personId, PlanContent in) {
    PlanContent content = validStatic(in);
    try {
      return jdbi.inTransaction(h -> {
        requireWriter(h, user, personId, "人员 person");
        Person p = persons.find(h, personId).orElseThrow(() -> ApiException.notFound("人员 person"));
        if (!p.status().equals("ACTIVE")) {
          throw ApiException.conflict("person-not-active", "人员状态为 " + p.status() + "，不能制定方案 / the person is not ACTIVE");
        }
        validInDatabase(h, content, p);
        PlanDao dao = new PlanDao(h, mapper);
        dao.activeFor(personId).ifPresent(existing -> { throw activeExists(existing.id()); });
        UUID id = Ids.newId();
        Instant now = clock.instant();
        dao.insertPlan(id, personId, user.id(), now);
        dao.insertRevision(id, 1, content, user.id(), user.actorRole(), now);
        dao.nameInstitutions(id, institutions(content));
        Plan plan = dao.find(id).orElseThrow();
        audit.record(h, user, "CREATE", "plan", id, null, plan);
        return plan;
      });
    } catch (JdbiException e) {
      if (!SqlStates.is(e, SqlStates.UNIQUE, "plans_one_active_per_person")) throw e;
      UUID existing = jdbi.withHandle(h -> new PlanDao(h, mapper).activeFor(personId).map(Plan::id).orElse(null));
      throw activeExists(existing);
    }
  }

  private static ApiException activeExists(UUID existing) {
    ApiException e = ApiException.conflict("plan-exists", "该人员已有进行中的康复方案 / the person already has an ACTIVE plan");
    return existing == null ? e : e.with("existingPlanId", existing);
  }

  /** The person's ACTIVE plan. */
  public Plan current(AppUser user, UUID personId) {
    return jdbi.withHandle(h -> {
      if (!user.is(Role.INSTITUTION)) requireReaderOfPerson(h, user, personId);
      PlanDao dao = new PlanDao(h, mapper);
      Plan plan = dao.activeFor(personId).orElseThrow(() -> ApiException.notFound(PLAN));
      if (user.is(Role.INSTITUTION) && !dao.namesInstitution(plan.id(), user.institutionId())) throw ApiException.notFound(PLAN);
      return plan;
    });
  }

  /** Every plan of the person (ACTIVE and CLOSED), newest first; ADMIN and the contracted DOCTOR. */
  public List<Plan> forPerson(AppUser user, UUID personId) {
    return jdbi.withHandle(h -> {
      requireReaderOfPerson(h, user, personId);
      return new PlanDao(h, mapper).forPerson(personId);
    });
  }

  public Plan get(AppUser user, UUID planId) {
    return jdbi.withHandle(h -> readable(h, user, planId));
  }

  /**
   * A new revision replacing the content. {@code ifMatch} are the revisions the client holds
   * (from If-Match); 412 unless one is the current revision, 409 when the plan is closed.
   */
  public Plan revise(AppUser user, UUID planId, Set<Integer> ifMatch, PlanContent in) {
    PlanContent content = validStatic(in);
    return jdbi.inTransaction(h -> {
      PlanDao dao = new PlanDao(h, mapper);
      Plan before = dao.find(planId).orElseThrow(() -> ApiException.notFound(PLAN));
      requireWriter(h, user, before.personId(), PLAN);
      if (before.status().equals("CLOSED")) throw ApiException.conflict("plan-closed", "方案已关闭 / the plan is closed");
      if (!ifMatch.contains(before.revision())) throw stale(before);
      validInDatabase(h, content, persons.find(h, before.personId()).orElseThrow());
      Instant now = clock.instant();
      if (!dao.advance(planId, before.revision(), now)) throw stale(dao.find(planId).orElse(before));
      dao.insertRevision(planId, before.revision() + 1, content, user.id(), user.actorRole(), now);
      dao.nameInstitutions(planId, institutions(content));
      Plan after = dao.find(planId).orElseThrow();
      audit.record(h, user, "REVISE", "plan", planId, before, after);
      return after;
    });
  }

  private static ApiException stale(Plan current) {
    return new ApiException(412, "precondition-failed", "版本已过期 Precondition failed",
        "方案已被修改，当前版本为 " + current.revision() + "，请重新读取 / the plan has changed; current revision is " + current.revision(), null)
        .with("currentRevision", current.revision()).header("ETag", current.etag());
  }

  public List<PlanRevision> revisions(AppUser user, UUID planId) {
    return jdbi.withHandle(h -> {
      readable(h, user, planId);
      return new PlanDao(h, mapper).revisions(planId);
    });
  }

  /** Field-level differences between each revision and the one before it (revision 2 onwards). */
  public List<PlanRevision.Diff> diffs(AppUser user, UUID planId) {
    List<PlanRevision> revs = revisions(user, planId);
    List<PlanRevision.Diff> out = new ArrayList<>();
    for (int i = 1; i < revs.size(); i++) {
      PlanRevision prev = revs.get(i - 1);
      PlanRevision r = revs.get(i);
      JsonNode a = mapper.valueToTree(prev.content());
      JsonNode b = mapper.valueToTree(r.content());
      out.add(new PlanRevision.Diff(r.revision(), prev.revision(), r.authorId(), r.authorName(), r.authorRole(), r.createdAt(),
          JsonDiff.diff(a, b)));
    }
    return out;
  }

  public Plan close(AppUser user, UUID planId, String reason) {
    Checks c = new Checks();
    Text.check(c, reason, 500, "reason");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      PlanDao dao = new PlanDao(h, mapper);
      Plan before = dao.find(planId).orElseThrow(() -> ApiException.notFound(PLAN));
      requireWriter(h, user, before.personId(), PLAN);
      String why = reason == null || reason.isBlank() ? null : Text.clean(reason);
      if (!dao.close(planId, user.id(), why, clock.instant())) {
        throw ApiException.conflict("plan-closed", "方案已关闭 / the plan is already closed");
      }
      Plan after = dao.find(planId).orElseThrow();
      audit.record(h, user, "CLOSE", "plan", planId, before, after);
      return after;
    });
  }

  /** The body of POST /plans/{id}/review. */
  public record ReviewInput(@io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED)
                            LocalDate on,
                            @com.fasterxml.jackson.annotation.JsonProperty(required = true)
                            @io.swagger.v3.oas.annotations.media.ArraySchema(
                                schema = @io.swagger.v3.oas.annotations.media.Schema(oneOf = {String.class, Goal.Item.class}),
                                arraySchema = @io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED))
                            List<Goal> goals,
                            String notes,
                            @io.swagger.v3.oas.annotations.media.Schema(description = "缺省按方案原复评间隔顺延 / default: moved on by the plan's own interval")
                            LocalDate nextReviewDate) {}

  /**
   * Records a review (DESIGN section 12): a new revision with the goals as reviewed (their outcomes) and the review
   * date moved on (to {@code nextReviewDate}, or by the plan's own interval: the months from its start to its review
   * date, at least one), plus a plan_reviews row with the day and notes; one transaction with its audit event.
   * {@code ifMatch} is optional here (null = no If-Match: any revision); 409 when the plan is closed.
   */
  public Plan review(AppUser user, UUID planId, Set<Integer> ifMatch, ReviewInput in) {
    LocalDate today = LocalDate.now(clock);
    Checks c = new Checks();
    c.required(in.on(), "on");
    if (in.on() != null) {
      c.require(!in.on().isAfter(today), "on", "复评日期不能晚于今天 / on cannot be after today");
      c.require(!in.on().isBefore(today.minusYears(1)), "on", "复评日期不能早于一年前 / on cannot be more than a year ago");
    }
    List<Goal> goals = PlanRules.goals(c, in.goals());
    Text.check(c, in.notes(), 2000, "notes");
    if (in.nextReviewDate() != null && in.on() != null) {
      c.require(in.nextReviewDate().isAfter(in.on()), "nextReviewDate", "下次复评日期须晚于复评日期 / nextReviewDate must be after on");
      c.require(!in.nextReviewDate().isAfter(in.on().plusYears(3)), "nextReviewDate",
          "下次复评日期不能晚于三年后 / nextReviewDate more than 3 years after on");
    }
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      PlanDao dao = new PlanDao(h, mapper);
      Plan before = dao.find(planId).orElseThrow(() -> ApiException.notFound(PLAN));
      requireWriter(h, user, before.personId(), PLAN);
      if (before.status().equals("CLOSED")) throw ApiException.conflict("plan-closed", "方案已关闭 / the plan is closed");
      if (ifMatch != null && !ifMatch.contains(before.revision())) throw stale(before);
      Checks late = new Checks();
      late.require(!in.on().isBefore(before.startDate()), "on", "复评日期不能早于方案开始日期 / on before the plan's startDate");
      late.throwIfAny();
      LocalDate next = in.nextReviewDate() != null ? in.nextReviewDate() : in.on().plusMonths(interval(before));
      PlanContent content = new PlanContent(goals, before.interventions(), before.startDate(), next);
      Instant now = clock.instant();
      if (!dao.advance(planId, before.revision(), now)) throw stale(dao.find(planId).orElse(before));
      int revision = before.revision() + 1;
      dao.insertRevision(planId, revision, content, user.id(), user.actorRole(), now);
      String notes = in.notes() == null || in.notes().isBlank() ? null : Text.clean(in.notes());
      dao.insertReview(planId, revision, in.on(), notes, user.id(), now);
      Plan after = dao.find(planId).orElseThrow();
      java.util.Map<String, Object> what = new java.util.LinkedHashMap<>();
      what.put("on", in.on().toString());
      what.put("notes", notes);
      what.put("plan", after);
      audit.record(h, user, "REVIEW", "plan", planId, before, what);
      return after;
    });
  }

  /** The months from a plan's start to its review date, rounded to the nearest month, at least one. */
  static long interval(Plan p) {
    long months = java.time.temporal.ChronoUnit.MONTHS.between(p.startDate(), p.reviewDate().plusDays(15));
    return Math.max(1, months);
  }

  /** GET /plans/worklist/review-overdue: ADMIN within their region, DOCTOR their contracted persons (today). */
  public cn.donghe.rehab.common.Page<OverdueReview> reviewOverdue(AppUser user, cn.donghe.rehab.common.PageRequest page) {
    LocalDate today = LocalDate.now(clock);
    return jdbi.withHandle(h -> cn.donghe.rehab.common.Page.of(
        new PlanDao(h, mapper).reviewOverdue(scope.filter(user, "pe"), today, page.after(), page.fetch()), page.limit(), OverdueReview::planId));
  }

  private PlanContent validStatic(PlanContent in) {
    Checks c = new Checks();
    PlanContent content = PlanRules.check(c, in, LocalDate.now(clock));
    c.throwIfAny();
    return content;
  }

  private void validInDatabase(Handle h, PlanContent content, Person p) {
    Checks c = new Checks();
    c.require(!content.startDate().isBefore(p.birthDate()), "startDate", "开始日期不能早于出生日期 / startDate before birth");
    PlanRules.checkInstitutions(c, h, content);
    PlanRules.checkReferrals(c, h, content, p.id(), referrals);
    c.throwIfAny();
  }

  private static Set<UUID> institutions(PlanContent content) {
    Set<UUID> ids = new LinkedHashSet<>();
    content.interventions().stream().map(Intervention::institutionId).filter(Objects::nonNull).forEach(ids::add);
    return ids;
  }

  /**
   * ADMIN within their region; DOCTOR with a contract in force today. Others never reach here (403). Out of scope
   * answers 404 naming {@code what} the caller asked for, exactly as for an unknown id (never "person" for a plan id).
   */
  private void requireWriter(Handle h, AppUser user, UUID personId, String what) {
    boolean ok = user.isAdmin() ? scope.canRead(h, user, personId) : scope.isContractedDoctor(h, user, personId);
    if (!ok) throw ApiException.notFound(what);
  }

  private void requireReaderOfPerson(Handle h, AppUser user, UUID personId) {
    if (user.is(Role.DOCTOR)) {
      if (!scope.isContractedDoctor(h, user, personId)) throw ApiException.notFound(PLAN);
    } else if (!scope.canRead(h, user, personId)) {
      throw ApiException.notFound(PLAN);
    }
  }

  /** A plan the caller may read: GUARDIAN only the current (ACTIVE) plan, INSTITUTION only plans naming it. */
  private Plan readable(Handle h, AppUser user, UUID planId) {
    PlanDao dao = new PlanDao(h, mapper);
    Plan plan = dao.find(planId).orElseThrow(() -> ApiException.notFound(PLAN));
    boolean ok = switch (user.role()) {
      case INSTITUTION -> dao.namesInstitution(planId, user.institutionId());
      case GUARDIAN -> plan.status().equals("ACTIVE") && scope.canRead(h, user, plan.personId());
      case DOCTOR -> scope.isContractedDoctor(h, user, plan.personId());
      case ADMIN -> scope.canRead(h, user, plan.personId());
    };
    if (!ok) throw ApiException.notFound(PLAN);
    return plan;
  }
}
