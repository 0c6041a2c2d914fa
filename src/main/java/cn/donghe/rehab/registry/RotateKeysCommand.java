package cn.donghe.rehab.registry;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.EnvironmentCommand;
import io.dropwizard.core.setup.Environment;
import java.util.function.Supplier;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code rotate-keys config.yml [--batch-size N]}: re-encrypts every ID/certificate number that is
 * not under {@code ID_CURRENT_KEY_ID} with that key. Run it with the new key added to
 * {@code ID_ENCRYPTION_KEYS} (old keys kept until it reports 0 remaining); it is safe to run while
 * the service runs and to run again after an interruption.
 *
 * <p>The rotation is handed in by the composition root (built once the application has run with the
 * configuration), so this package does not reach up into the application class.
 */
public class RotateKeysCommand<C extends Configuration> extends EnvironmentCommand<C> {
  /** The application's configuration class: the type parameter of a generic command cannot tell Dropwizard which it is. */
  private final Class<C> configClass;

  @Override protected Class<C> getConfigurationClass() { return configClass; }

  private final Supplier<KeyRotation> rotation;

  public RotateKeysCommand(Application<C> app, Supplier<KeyRotation> rotation) {
    super(app, "rotate-keys", "Re-encrypt stored ID and certificate numbers with the current key (ID_CURRENT_KEY_ID)");
    this.configClass = app.getConfigurationClass();
    this.rotation = rotation;
  }

  @Override public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--batch-size").dest("batchSize").type(Integer.class).setDefault(500)
        .help("persons per transaction (default 500)");
  }

  @Override protected void run(Environment env, Namespace ns, C config) {
    KeyRotation keys = rotation.get();
    System.out.println("rotating ID-number encryption to key id '" + keys.currentKeyId() + "'");
    KeyRotation.Result r = keys.rotateAll(ns.getInt("batchSize"), System.out::println);
    System.out.printf("done: %d batches, %d persons, %d ID numbers and %d certificate numbers re-encrypted; %d persons still under another key%n",
        r.batches(), r.persons(), r.idNumbers(), r.certificates(), r.remaining());
    if (r.remaining() > 0) {
      System.out.println("some rows were changed while rotating; run rotate-keys again");
      System.exit(2);
    }
  }
}
