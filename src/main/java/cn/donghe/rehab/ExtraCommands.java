package cn.donghe.rehab;

import cn.donghe.rehab.hardening.RotateKeysCommand;
import io.dropwizard.core.setup.Bootstrap;

/** Further jar commands (key rotation). The benchmarks' generate-scale-data is a test-scope tool: bench.BenchApplication. */
final class ExtraCommands {
  private ExtraCommands() {}

  static void add(Bootstrap<RehabConfiguration> bootstrap) {
    bootstrap.addCommand(new RotateKeysCommand(bootstrap.getApplication()));
  }
}
