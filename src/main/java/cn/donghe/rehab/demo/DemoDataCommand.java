package cn.donghe.rehab.demo;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.EnvironmentCommand;
import io.dropwizard.core.setup.Environment;
import java.util.function.Supplier;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code demo-data config.yml}: loads the demo data set once; does nothing when it is already there.
 * The composition root hands in the loader (built once the application has run with the configuration).
 */
public class DemoDataCommand<C extends Configuration> extends EnvironmentCommand<C> {
  /** The application's configuration class: the type parameter of a generic command cannot tell Dropwizard which it is. */
  private final Class<C> configClass;

  @Override protected Class<C> getConfigurationClass() { return configClass; }

  private final Supplier<DemoData> demo;

  public DemoDataCommand(Application<C> app, Supplier<DemoData> demo) {
    super(app, "demo-data", "Load the demo data set (once)");
    this.configClass = app.getConfigurationClass();
    this.demo = demo;
  }

  @Override protected void run(Environment env, Namespace ns, C config) {
    boolean loaded = demo.get().loadOnce();
    System.out.println(loaded ? "demo data loaded" : "demo data already present; nothing to do");
    DemoData.printLogins(System.out);
  }

  /** One clear line (the part that failed and why) instead of a stack trace; the jar then exits with status 1. */
  @Override public void onError(Cli cli, Namespace ns, Throwable e) {
    cli.getStdErr().println(e instanceof DemoData.LoadFailed ? e.getMessage() : "demo data NOT loaded: " + e);
  }
}
