package cn.donghe.rehab.bench;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.RehabApplication;
import cn.donghe.rehab.RehabConfiguration;
import cn.donghe.rehab.auth.AuthService;
import cn.donghe.rehab.db.Database;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.EnvironmentCommand;
import io.dropwizard.core.setup.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code generate-scale-data config.yml --scale district|city|province [--seed N] [--threads N]
 * [--sample-dir DIR] [--stats-out FILE] [--bench-users]}: loads synthetic but valid districts for
 * the benchmarks (scripts/bench.sh) into the configured database, which is migrated first. With
 * {@code --bench-users} it also creates the users {@code bench-admin} (ADMIN) and {@code bench-inst}
 * (INSTITUTION, a child-aid designated rehab centre of 150202) with the password in BENCH_PASSWORD.
 */
public class GenerateScaleDataCommand extends EnvironmentCommand<RehabConfiguration> {
  private final Application<RehabConfiguration> app;

  public GenerateScaleDataCommand(Application<RehabConfiguration> app) {
    super(app, "generate-scale-data", "Load synthetic districts for benchmarks (COPY)");
    this.app = app;
  }

  @Override public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--scale").dest("scale").required(true).choices("district", "city", "province")
        .help("district = 10,000 persons, city = 100,000, province = 1,000,000");
    subparser.addArgument("--seed").dest("seed").type(Long.class).setDefault(1L).help("random seed (default 1)");
    subparser.addArgument("--threads").dest("threads").type(Integer.class)
        .setDefault(Runtime.getRuntime().availableProcessors()).help("districts loaded in parallel (default: cores)");
    subparser.addArgument("--sample-dir").dest("sampleDir").help("write benchmark keys (persons.tsv, communities.txt) here");
    subparser.addArgument("--stats-out").dest("statsOut").help("write rows and seconds per table as JSON here");
    subparser.addArgument("--bench-users").dest("benchUsers").action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
        .help("create bench-admin and bench-inst with the password in BENCH_PASSWORD");
  }

  @Override protected void run(Environment env, Namespace ns, RehabConfiguration config) throws Exception {
    AppContext ctx = ((RehabApplication) app).context();
    Scale scale = Scale.parse(ns.getString("scale"));
    ScaleDataGenerator.Plan plan = ScaleDataGenerator.Plan.of(scale, ns.getLong("seed"), ns.getInt("threads"));
    refuseIfPresent(ctx, plan.districts());
    DataSource ds = Database.ownerDataSource(config.getDatabase());
    System.out.printf("generating %s scale: %d districts x %,d persons (seed %d, %d threads)%n",
        scale.name().toLowerCase(), plan.districts().size(), plan.personsPerDistrict(), plan.seed(), plan.threads());
    ScaleDataGenerator.Result r = new ScaleDataGenerator(ds, ctx.cipher(), LocalDate.now(ctx.clock()), ctx.clock().getZone(),
        line -> System.out.println("  " + line)).run(plan);
    r.rows().forEach((table, n) -> System.out.printf("  %-14s %,12d rows%n", table, n));
    System.out.printf("scale data loaded in %.1f s%n", r.totalSeconds());
    if (ns.getString("sampleDir") != null) r.samples().writeTo(Path.of(ns.getString("sampleDir")));
    if (ns.getBoolean("benchUsers")) {
      List<String> aidUsers = createUsers(ctx);
      if (ns.getString("sampleDir") != null) Files.write(Path.of(ns.getString("sampleDir")).resolve("aid-users.txt"), aidUsers);
    }
    if (ns.getString("statsOut") != null) writeStats(ctx, scale, plan, r, Path.of(ns.getString("statsOut")));
  }

  private static void refuseIfPresent(AppContext ctx, List<String> districts) {
    boolean present = ctx.jdbi().withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM persons WHERE region_code LIKE :p)")
        .bind("p", districts.get(0) + "%").mapTo(Boolean.class).one());
    if (present) throw new IllegalStateException("persons of district " + districts.get(0) + " are already there: use a fresh database");
  }

  /** How many child-aid designated institutions get a bench user of their own (the session writes spread over them). */
  static final int AID_USERS = 16;

  private static List<String> createUsers(AppContext ctx) {
    String password = System.getenv("BENCH_PASSWORD");
    if (password == null || password.isBlank()) throw new IllegalStateException("--bench-users needs BENCH_PASSWORD");
    UUID institution = ctx.jdbi().withHandle(h -> h.createQuery(
            "SELECT id FROM institutions WHERE region_code LIKE '150202%' AND child_aid_designated ORDER BY name LIMIT 1")
        .mapTo(UUID.class).one());
    AuthService auth = ctx.get(AuthService.class);
    auth.createUser(null, new AuthService.NewUser("bench-admin", password, "ADMIN", "压测管理员", null, null, List.of(), null));
    auth.createUser(null, new AuthService.NewUser("bench-inst", password, "INSTITUTION", "压测机构用户", institution, null, List.of(), null));
    System.out.println("created users bench-admin (ADMIN) and bench-inst (INSTITUTION " + institution + ")");
    // one INSTITUTION user per child-aid designated institution (up to AID_USERS, spread over the districts)
    List<UUID> designated = ctx.jdbi().withHandle(h -> h.createQuery(
            "SELECT id FROM institutions WHERE child_aid_designated AND 'REHAB' = ANY (services) ORDER BY region_code, name")
        .mapTo(UUID.class).list());
    List<String> names = new java.util.ArrayList<>();
    int step = Math.max(1, designated.size() / AID_USERS);
    for (int k = 0; k < designated.size() && names.size() < AID_USERS; k += step) {
      String name = "bench-aid-" + (names.size() + 1);
      auth.createUser(null, new AuthService.NewUser(name, password, "INSTITUTION", "压测救助机构用户" + (names.size() + 1), designated.get(k),
          null, List.of(), null));
      names.add(name);
    }
    System.out.println("created " + names.size() + " users bench-aid-N (INSTITUTION, one per child-aid designated institution)");
    return names;
  }

  private static void writeStats(AppContext ctx, Scale scale, ScaleDataGenerator.Plan plan, ScaleDataGenerator.Result r, Path out) throws Exception {
    ObjectNode o = ctx.mapper().createObjectNode();
    o.put("scale", scale.name().toLowerCase());
    o.put("districts", plan.districts().size());
    o.put("seed", plan.seed());
    o.put("threads", plan.threads());
    o.put("seconds", Math.round(r.totalSeconds() * 10) / 10.0);
    ObjectNode rows = o.putObject("rows");
    r.rows().forEach(rows::put);
    ObjectNode secs = o.putObject("threadSecondsByTable");
    r.seconds().forEach((k, v) -> secs.put(k, Math.round(v * 10) / 10.0));
    if (out.getParent() != null) Files.createDirectories(out.getParent());
    ctx.mapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), o);
  }
}
