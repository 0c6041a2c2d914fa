package cn.donghe.rehab;

import cn.donghe.rehab.registry.KeyRotation;
import cn.donghe.rehab.registry.RotateKeysCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.util.function.Supplier;

/** Further jar commands (key rotation). The benchmarks' generate-scale-data is a test-scope tool: bench.BenchApplication. */
final class ExtraCommands {
  private ExtraCommands() {}

  /** {@code context} answers once the application has run with the command's configuration. */
  static void add(Bootstrap<RehabConfiguration> bootstrap, Supplier<AppContext> context) {
    bootstrap.addCommand(new RotateKeysCommand<>(bootstrap.getApplication(),
        () -> new KeyRotation(context.get().jdbi(), context.get().cipher(), context.get().audit())));
  }
}
