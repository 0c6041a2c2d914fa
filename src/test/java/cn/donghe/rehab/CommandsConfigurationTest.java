package cn.donghe.rehab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every command of the jar that reads config.yml reads it as {@link RehabConfiguration}: a generic command
 * class cannot tell Dropwizard its configuration type, and then parsing config.yml fails at start
 * ("Unrecognized field at: database"), which a newcomer's `scripts/run.sh` met at the demo-data step.
 */
class CommandsConfigurationTest {
  @Test
  void everyConfiguredCommand_parsesTheApplicationsConfiguration() throws Exception {
    RehabApplication app = new RehabApplication();
    Bootstrap<RehabConfiguration> bootstrap = new Bootstrap<>(app);
    app.initialize(bootstrap);
    List<String> checked = new ArrayList<>();
    for (Command c : bootstrap.getCommands()) {
      if (!(c instanceof ConfiguredCommand<?> cc)) continue;
      Method m = ConfiguredCommand.class.getDeclaredMethod("getConfigurationClass");
      m.setAccessible(true);
      assertEquals(RehabConfiguration.class, m.invoke(cc), c.getName());
      checked.add(c.getName());
    }
    assertTrue(checked.containsAll(List.of("db", "demo-data", "create-user", "rotate-keys")), checked.toString());
  }
}
