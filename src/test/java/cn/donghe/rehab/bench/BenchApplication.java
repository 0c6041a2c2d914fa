package cn.donghe.rehab.bench;

import cn.donghe.rehab.RehabApplication;
import cn.donghe.rehab.RehabConfiguration;
import io.dropwizard.core.setup.Bootstrap;

/**
 * The service plus the {@code generate-scale-data} command. The benchmark generator is a test-scope tool, kept
 * out of the production jar; scripts/bench.sh runs it with the jar and {@code target/test-classes} on the
 * class path: {@code java -cp target/rehab-tracker.jar:target/test-classes cn.donghe.rehab.bench.BenchApplication
 * generate-scale-data config.yml --scale district}.
 */
public class BenchApplication extends RehabApplication {
  public static void main(String[] args) throws Exception {
    new BenchApplication().run(args);
  }

  @Override public void initialize(Bootstrap<RehabConfiguration> bootstrap) {
    super.initialize(bootstrap);
    bootstrap.addCommand(new GenerateScaleDataCommand(this));
  }
}
