package cn.donghe.rehab.auth;

import cn.donghe.rehab.common.ApiException;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.EnvironmentCommand;
import io.dropwizard.core.setup.Environment;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code create-user config.yml --username U --role ADMIN ...}: creates an account (e.g. the first
 * admin). The password comes from USER_PASSWORD or standard input, never the command line.
 * The composition root hands in the {@link AuthService} (built once the application has run with the
 * configuration), so auth does not reach up into the application class.
 */
public class CreateUserCommand<C extends Configuration> extends EnvironmentCommand<C> {
  /** The application's configuration class: the type parameter of a generic command cannot tell Dropwizard which it is. */
  private final Class<C> configClass;

  @Override protected Class<C> getConfigurationClass() { return configClass; }

  private final java.util.function.Supplier<AuthService> auth;
  /** The user the last run created (for tests). */
  volatile AppUser created;

  private final java.util.function.Function<String, String> env;
  private final java.io.InputStream stdin;

  public CreateUserCommand(Application<C> app, java.util.function.Supplier<AuthService> auth) {
    this(app, auth, System::getenv, System.in);
  }

  /** For tests: the environment and standard input to read the password from. */
  CreateUserCommand(Application<C> app, java.util.function.Supplier<AuthService> auth,
                    java.util.function.Function<String, String> env, java.io.InputStream stdin) {
    super(app, "create-user", "Create a user account; password from USER_PASSWORD or stdin");
    this.configClass = app.getConfigurationClass();
    this.auth = auth;
    this.env = env;
    this.stdin = stdin;
  }

  @Override public void configure(Subparser p) {
    super.configure(p);
    p.addArgument("--username").required(true);
    p.addArgument("--role").required(true).choices("ADMIN", "INSTITUTION", "DOCTOR", "GUARDIAN");
    p.addArgument("--display-name").dest("displayName");
    p.addArgument("--institution-id").dest("institutionId");
    p.addArgument("--doctor-id").dest("doctorId");
    p.addArgument("--region-code").dest("regionCode");
    p.addArgument("--child-person-id").dest("children").action(net.sourceforge.argparse4j.impl.Arguments.append());
  }

  @Override protected void run(Environment environment, Namespace ns, C config) throws Exception {
    String password = env.apply("USER_PASSWORD");
    if (password == null || password.isEmpty()) password = readPassword();
    AuthService auth = this.auth.get();
    List<String> children = ns.getList("children");
    if (children == null) children = List.of();
    AppUser u = auth.createUser(null, new AuthService.NewUser(ns.getString("username"), password, ns.getString("role"),
        ns.getString("displayName") == null ? ns.getString("username") : ns.getString("displayName"),
        uuid(ns.getString("institutionId")), uuid(ns.getString("doctorId")),
        children.stream().map(CreateUserCommand::uuid).toList(), ns.getString("regionCode")));
    created = u;
    System.out.println("created user " + u.username() + " (" + u.role() + ") id=" + u.id());
  }

  /** A refusal is reported as one line per invalid field, not a stack trace (exit status stays 1). */
  @Override public void onError(io.dropwizard.core.cli.Cli cli, Namespace ns, Throwable e) {
    if (e instanceof ApiException api) {
      cli.getStdErr().println("create-user refused: " + api.getMessage());
      api.errors().forEach(f -> cli.getStdErr().println("  " + f.field() + ": " + f.message()));
    } else if (e instanceof IllegalArgumentException) {
      cli.getStdErr().println("create-user refused: " + e.getMessage());
    } else {
      super.onError(cli, ns, e);
    }
  }

  private static UUID uuid(String s) {
    if (s == null) return null;
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid id: " + s);
    }
  }

  private String readPassword() throws java.io.IOException {
    Console console = stdin == System.in ? System.console() : null;
    if (console != null) {
      char[] pw = console.readPassword("Password: ");
      return pw == null ? "" : new String(pw);
    }
    BufferedReader r = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    String line = r.readLine();
    return line == null ? "" : line;
  }
}
