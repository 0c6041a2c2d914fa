package cn.donghe.rehab;

import cn.donghe.rehab.bench.GenerateScaleDataCommand;
import cn.donghe.rehab.hardening.RotateKeysCommand;
import io.dropwizard.core.setup.Bootstrap;

/** Further jar commands (scale data, key rotation). */
final class ExtraCommands {
  private ExtraCommands() {}

  static void add(Bootstrap<RehabConfiguration> bootstrap) {
    bootstrap.addCommand(new GenerateScaleDataCommand(bootstrap.getApplication()));
    bootstrap.addCommand(new RotateKeysCommand(bootstrap.getApplication()));
  }
}
