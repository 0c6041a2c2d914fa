package cn.donghe.rehab.web;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.auth.AuthService;
import cn.donghe.rehab.registry.InstitutionService;
import cn.donghe.rehab.registry.PersonService;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.views.common.ViewBundle;
import io.dropwizard.views.freemarker.FreemarkerViewRenderer;
import jakarta.servlet.DispatcherType;
import cn.donghe.rehab.reports.ReportResource;
import cn.donghe.rehab.reports.ReportService;
import cn.donghe.rehab.reports.SnapshotService;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import cn.donghe.rehab.childaid.AidAccountService;
import cn.donghe.rehab.childaid.AidStandardService;
import cn.donghe.rehab.contracts.AssessmentService;
import cn.donghe.rehab.contracts.ContractService;
import cn.donghe.rehab.devices.CatalogueService;
import cn.donghe.rehab.devices.FittingService;
import cn.donghe.rehab.devices.ItemService;
import cn.donghe.rehab.devices.LoanService;
import cn.donghe.rehab.devices.RecyclingService;
import cn.donghe.rehab.devices.RepairService;
import cn.donghe.rehab.plans.PlanService;
import cn.donghe.rehab.sessions.SessionService;

/**
 * The server-rendered pages: session cookie, CSRF, security headers, error pages, and one resource
 * per group of pages. Pages call the feature services in-process with the logged-in user.
 */
public final class WebModule {
  private WebModule() {}

  /** Freemarker views; VERSION_2_3_34 so templates can read record components ({@code p.name}). */
  public static <T> ViewBundle<T> viewBundle() {
    return new ViewBundle<>(List.of(new FreemarkerViewRenderer(freemarker.template.Configuration.VERSION_2_3_34))) {
      @Override public Map<String, Map<String, String>> getViewConfiguration(T config) {
        return Map.of("freemarker", Map.of(
            "number_format", "computer",
            "template_exception_handler", "rethrow",
            "log_template_exceptions", "false",
            "api_builtin_enabled", "false",
            "new_builtin_class_resolver", "safer"));
      }
    };
  }

  /** CSS, JS and images of the pages under /assets/ (from src/main/resources/assets; no CDN). */
  public static AssetsBundle assetsBundle() {
    return new AssetsBundle("/assets/", "/assets/", null, "web-assets");
  }

  public static void register(AppContext ctx) {
    AuthService auth = ctx.get(AuthService.class);
    PersonService persons = ctx.get(PersonService.class);
    InstitutionService institutions = ctx.get(InstitutionService.class);
    Regions regions = new Regions(ctx.get(cn.donghe.rehab.registry.RegionService.class));

    ctx.env().servlets().addFilter("web-security-headers", new SecurityHeadersFilter())
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    Function<UUID, Set<String>> offered = id -> institutions.find(id).map(i -> Set.copyOf(i.services())).orElse(Set.of());
    ctx.register(new WebAccessFeature(auth, offered, ctx.clock().getZone()));
    ctx.register(new WebResponseFilter(auth, offered, ctx.clock().getZone()));

    ctx.register(new LoginResource(auth, ctx.clock()));
    ReferralPages referralPages = new ReferralPages(ctx.get(cn.donghe.rehab.referrals.ReferralService.class),
        ctx.get(SessionService.class), institutions, ctx.clock());
    ctx.register(new HomeResource(referralPages));
    ctx.register(new AdminUsersResource(auth, institutions));
    ctx.register(new AdminInstitutionsResource(institutions, regions));
    ctx.register(new AdminPersonsResource(persons, regions));
    ctx.register(new PersonPageResource(persons, regions));

    // Role pages over the feature services (same scope as the API), the ADMIN indicator dashboard last.
    AidAccountService aid = ctx.get(AidAccountService.class);
    SessionService sessions = ctx.get(SessionService.class);
    PlanService plans = ctx.get(PlanService.class);
    PlanViews planViews = new PlanViews(plans, institutions);
    ctx.register(new GuardianPagesResource(persons, aid, sessions, planViews, regions, ctx.clock()));
    ctx.register(new InstitutionPagesResource(persons, aid, sessions, planViews, regions, referralPages, ctx.clock()));
    ctx.register(new DevicePagesResource(ctx.get(ItemService.class), ctx.get(LoanService.class), ctx.get(RepairService.class),
        ctx.get(RecyclingService.class), ctx.get(CatalogueService.class), persons, ctx.clock()));
    ctx.register(new FittingPagesResource(ctx.get(FittingService.class), ctx.get(CatalogueService.class), persons, ctx.clock()));
    ctx.register(new ReviewOverduePagesResource(plans));
    ctx.register(new DoctorPagesResource(persons, ctx.get(ContractService.class), ctx.get(AssessmentService.class), plans, planViews,
        institutions, ctx.get(CatalogueService.class), regions, referralPages, ctx.get(ReportService.class), ctx.clock()));
    ctx.register(new AdminAidStandardsResource(ctx.get(AidStandardService.class), ctx.clock()));
    ctx.register(new AdminPeriodsResource(ctx.get(cn.donghe.rehab.periods.PeriodService.class), sessions,
        ctx.get(cn.donghe.rehab.devices.FittingService.class), ctx.clock()));
    ReportService reports = ctx.get(ReportService.class);
    ReportResource reportFiles = new ReportResource(reports, ctx.config().getZone());
    ctx.register(new AdminDashboardResource(reports, ctx.get(SnapshotService.class), reportFiles, ctx.clock()));
    ctx.register(new AdminDashboardResource.Worklist(reports, reportFiles, ctx.clock()));
  }
}
