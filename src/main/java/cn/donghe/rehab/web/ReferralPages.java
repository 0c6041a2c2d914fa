package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.plans.Plan;
import cn.donghe.rehab.referrals.Referral;
import cn.donghe.rehab.referrals.ReferralInputs;
import cn.donghe.rehab.referrals.ReferralService;
import cn.donghe.rehab.registry.Institution;
import cn.donghe.rehab.registry.InstitutionService;
import cn.donghe.rehab.registry.Person;
import cn.donghe.rehab.sessions.Session;
import cn.donghe.rehab.sessions.SessionInput;
import cn.donghe.rehab.sessions.SessionService;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issue 19 on the pages: the doctor's home-session and referral forms and the referral loop on the person page, the
 * institution's incoming referrals (home page, accept with an appointment, decline with a reason). The page
 * resources (one per path prefix) delegate here; every act goes through SessionService or ReferralService with the
 * signed-in user, so the pages allow exactly what the API allows.
 */
final class ReferralPages {
  static final Map<String, String> SESSION_FIELDS = Map.of("serviceType", "session.serviceType", "setting", "doctorSession.setting",
      "date", "session.date", "durationMinutes", "session.minutes", "therapist", "session.therapist", "notes", "session.notes");
  static final Map<String, String> REFER_FIELDS = Map.of("toInstitutionId", "referral.to", "serviceType", "referral.serviceType",
      "reason", "referral.reason", "planId", "referral.plan");
  static final Map<String, String> ACT_FIELDS = Map.of("appointmentOn", "referral.appointmentOn", "reason", "referral.declineReason");
  static final String WHAT = "转介 referral";

  /** One intervention of the current plan with the state of the referral it names and the sessions delivered this month. */
  public record Loop(int number, PlanViews.InterventionView intervention, Referral referral, long deliveredThisMonth) {}

  private final ReferralService referrals;
  private final SessionService sessions;
  private final InstitutionService institutions;
  private final Clock clock;

  ReferralPages(ReferralService referrals, SessionService sessions, InstitutionService institutions, Clock clock) {
    this.referrals = referrals;
    this.sessions = sessions;
    this.institutions = institutions;
    this.clock = clock;
  }

  // ---- doctor ----

  /** Adds the person's referrals (those the doctor may read), this year's doctor sessions and the plan's loop. */
  WebPage withLoop(WebPage page, AppUser user, Person p, Plan plan, List<PlanViews.InterventionView> interventions) {
    List<Referral> mine = referrals.ofPerson(user, p.id());
    LocalDate today = LocalDate.now(clock);
    List<Session> year = sessions.list(user, p.id(), LocalDate.of(today.getYear(), 1, 1), today, PageRequest.parse("500", null)).items();
    Map<UUID, Referral> byId = new LinkedHashMap<>();
    mine.forEach(r -> byId.put(r.id(), r));
    List<Loop> loop = new ArrayList<>();
    LocalDate monthStart = today.withDayOfMonth(1);
    for (int i = 0; i < interventions.size(); i++) {
      PlanViews.InterventionView iv = interventions.get(i);
      long delivered = year.stream().filter(s -> !s.voided() && !s.date().isBefore(monthStart) && s.serviceType().equals(iv.serviceType())
          && (iv.institutionId() == null || iv.institutionId().equals(s.institutionId()))).count();
      loop.add(new Loop(i + 1, iv, iv.referralId() == null ? null : byId.get(iv.referralId()), delivered));
    }
    UUID clinic = clinicOf(user);
    List<Session> byDoctor = new ArrayList<>(year.stream().filter(s -> clinic != null && clinic.equals(s.institutionId())).toList());
    java.util.Collections.reverse(byDoctor);
    return page.with("referrals", mine).with("loop", loop).with("doctorSessions", byDoctor).with("plan", plan);
  }

  private UUID clinicOf(AppUser user) {
    return user.doctorId() == null ? null : institutions.findDoctor(user.doctorId()).map(d -> d.institutionId()).orElse(null);
  }

  WebPage sessionForm(WebContext web, Person p) {
    MultivaluedMap<String, String> m = new MultivaluedHashMap<>();
    m.putSingle("idempotencyKey", UUID.randomUUID().toString());
    m.putSingle("date", LocalDate.now(clock).toString());
    m.putSingle("setting", "HOME");
    m.putSingle("therapist", web.user().displayName());
    return sessionPage(web, p, FormState.of(m));
  }

  private WebPage sessionPage(WebContext web, Person p, FormState form) {
    return WebPage.of(web, "doctor/session", "doctorSession.title", p.name())
        .with("person", p)
        .with("serviceTypes", ServiceTypeCodes.CODES.stream().filter(c -> !"DEVICE_SERVICE".equals(c)).toList())
        .with("settings", List.of("HOME", "COMMUNITY"))
        .withForm(form);
  }

  /** 303 to the person (a resent form lands on the same session); 4xx the form again with the reasons. */
  Response logSession(WebContext web, Person p, MultivaluedMap<String, String> form) {
    FormInput in = new FormInput(form, web);
    try {
      SessionInput body = new SessionInput(p.id(), in.text("serviceType"), in.date("date"), in.integer("durationMinutes"),
          in.text("therapist"), BigDecimal.ZERO.setScale(2), false, in.text("notes"), null, null, null, null, in.text("setting"), null);
      in.throwIfAny();
      sessions.create(web.user(), in.text("idempotencyKey"), body);
      return Web.seeOther("/app/doctor/persons/" + p.id() + "?saved=session");
    } catch (ApiException e) {
      if (e.status() == 404) throw e;
      return sessionPage(web, p, FormState.of(form).withErrors(e, web, SESSION_FIELDS)).status(e.status());
    }
  }

  WebPage referForm(WebContext web, Person p, Plan plan) {
    MultivaluedMap<String, String> m = new MultivaluedHashMap<>();
    if (plan != null) m.putSingle("planId", plan.id().toString());
    return referPage(web, p, plan, FormState.of(m));
  }

  private WebPage referPage(WebContext web, Person p, Plan plan, FormState form) {
    List<Institution> rehab = institutions.list(web.user(), PageRequest.parse("500", null), "REHAB").items();
    return WebPage.of(web, "doctor/referral", "referral.new.title", p.name())
        .with("person", p)
        .with("plan", plan)
        .with("institutions", rehab)
        .with("serviceTypes", ServiceTypeCodes.CODES)
        .withForm(form);
  }

  /** 303 to the person; 404 not contracted (like an unknown id); 409/422 the form again with the reasons. */
  Response refer(WebContext web, Person p, Plan plan, MultivaluedMap<String, String> form) {
    FormInput in = new FormInput(form, web);
    List<String> bad = new ArrayList<>();
    UUID to = Web.uuid(in.text("toInstitutionId"), "toInstitutionId", bad);
    UUID planId = Web.uuid(in.text("planId"), "planId", bad);
    bad.forEach(f -> in.error(f, "form.choose"));
    try {
      in.throwIfAny();
      referrals.create(web.user(), new ReferralInputs.Create(p.id(), to, in.text("serviceType"), in.text("reason"), planId));
      return Web.seeOther("/app/doctor/persons/" + p.id() + "?saved=referral");
    } catch (ApiException e) {
      if (e.status() == 404) throw e;
      return referPage(web, p, plan, FormState.of(form).withErrors(e, web, REFER_FIELDS)).status(e.status());
    }
  }

  /** The doctor's outgoing referrals (at most 500), newest first. */
  List<Referral> outgoing(AppUser user) {
    List<Referral> out = new ArrayList<>(referrals.list(user, null, "out", PageRequest.parse("500", null)).items());
    out.sort((a, b) -> b.referredOn().compareTo(a.referredOn()));
    return out;
  }

  /** The referring doctor cancels: 303 to the person; 404 not theirs; 409 no longer PENDING (an error page). */
  Response cancel(WebContext web, UUID id) {
    Referral r = referrals.cancel(web.user(), id);
    return Web.seeOther("/app/doctor/persons/" + r.personId() + "?saved=cancelled");
  }

  // ---- institution ----

  /** The institution's open incoming referrals: PENDING (overdue first) and ACCEPTED waiting for the first session. */
  List<Referral> incoming(AppUser user) {
    List<Referral> out = new ArrayList<>();
    for (String status : List.of(Referral.PENDING, Referral.ACCEPTED)) {
      out.addAll(referrals.list(user, status, "in", PageRequest.parse("200", null)).items());
    }
    out.sort((a, b) -> {
      int rank = Boolean.compare(b.overdue(), a.overdue());
      if (rank != 0) return rank;
      rank = Boolean.compare(!Referral.PENDING.equals(a.status()), !Referral.PENDING.equals(b.status()));
      return rank != 0 ? rank : a.referredOn().compareTo(b.referredOn());
    });
    return out;
  }

  WebPage referralPage(WebContext web, UUID id, FormState form) {
    Referral r = referrals.get(web.user(), id);
    return WebPage.of(web, "institution/referral", "referral.title", r.personName()).with("referral", r).withForm(form);
  }

  /** accept or decline: 303 back to the referral; 404 not this institution's; 409 no longer PENDING; 422 the field. */
  Response act(WebContext web, UUID id, String action, MultivaluedMap<String, String> form) {
    FormInput in = new FormInput(form, web);
    try {
      if ("accept".equals(action)) {
        LocalDate on = in.date("appointmentOn");
        in.throwIfAny();
        referrals.accept(web.user(), id, new ReferralInputs.Accept(on));
      } else {
        referrals.decline(web.user(), id, new ReferralInputs.Decline(in.text("reason")));
      }
      return Web.seeOther("/app/institution/referrals/" + id + "?done=" + action);
    } catch (ApiException e) {
      if (e.status() == 404 || e.status() == 403) throw e;
      return referralPage(web, id, FormState.of(form).withErrors(e, web, ACT_FIELDS)).status(e.status());
    }
  }
}
