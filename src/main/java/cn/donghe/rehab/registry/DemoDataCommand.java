package cn.donghe.rehab.registry;

import cn.donghe.rehab.RehabApplication;
import cn.donghe.rehab.RehabConfiguration;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.EnvironmentCommand;
import io.dropwizard.core.setup.Environment;
import net.sourceforge.argparse4j.inf.Namespace;

/** {@code demo-data config.yml}: loads the demo data set once; does nothing when it is already there. */
public class DemoDataCommand extends EnvironmentCommand<RehabConfiguration> {
  private final Application<RehabConfiguration> app;

  public DemoDataCommand(Application<RehabConfiguration> app) {
    super(app, "demo-data", "Load the demo data set (once)");
    this.app = app;
  }

  @Override protected void run(Environment env, Namespace ns, RehabConfiguration config) {
    boolean loaded = new DemoData(((RehabApplication) app).context()).loadOnce();
    System.out.println(loaded ? "demo data loaded" : "demo data already present; nothing to do");
    DemoData.printLogins(System.out);
  }

  /** One clear line (the part that failed and why) instead of a stack trace; the jar then exits with status 1. */
  @Override public void onError(Cli cli, Namespace ns, Throwable e) {
    cli.getStdErr().println(e instanceof DemoData.LoadFailed ? e.getMessage() : "demo data NOT loaded: " + e);
  }
}
