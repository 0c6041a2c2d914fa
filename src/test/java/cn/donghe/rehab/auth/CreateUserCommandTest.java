package cn.donghe.rehab.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.donghe.rehab.RehabApplication;
import cn.donghe.rehab.RehabConfiguration;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import org.junit.jupiter.api.Test;

/** The jar's create-user command, run in-process against the test application. */
class CreateUserCommandTest {
  private static CreateUserCommand<RehabConfiguration> command(Map<String, String> env, String stdin) {
    RehabApplication app = (RehabApplication) TestApp.support().getApplication();
    return new CreateUserCommand<>(app, () -> app.context().get(AuthService.class), env::get,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
  }

  private static Namespace args(CreateUserCommand<?> c, String... argv) throws ArgumentParserException {
    ArgumentParser parser = ArgumentParsers.newFor("rehab-tracker").build();
    c.configure(parser.addSubparsers().addParser("create-user"));
    String[] full = new String[argv.length + 1];
    full[0] = "create-user";
    System.arraycopy(argv, 0, full, 1, argv.length);
    return parser.parseArgs(full);
  }

  private static int loginStatus(String username, String password) {
    return TestApp.anonymous().post("/auth/token", Map.of("username", username, "password", password)).status();
  }

  @Test
  void passwordComesFromUserPassword_andTheNewAdminCanLogIn() throws Exception {
    String name = Fixtures.username("cli");
    var c = command(Map.of("USER_PASSWORD", "From-The-Env-2026"), "Not-This-One-2026\n");
    c.run(null, args(c, "config.yml", "--username", name, "--role", "ADMIN", "--display-name", "首位管理员"), TestApp.support().getConfiguration());
    assertEquals(Role.ADMIN, c.created.role());
    assertEquals(200, loginStatus(name, "From-The-Env-2026"));
    assertEquals(401, loginStatus(name, "Not-This-One-2026"));
  }

  @Test
  void withoutUserPassword_theFirstLineOfStandardInputIsThePassword() throws Exception {
    String name = Fixtures.username("cli");
    var c = command(new HashMap<>(), "From-Stdin-2026\nignored\n");
    c.run(null, args(c, "config.yml", "--username", name, "--role", "ADMIN"), TestApp.support().getConfiguration());
    assertEquals(200, loginStatus(name, "From-Stdin-2026"));
  }

  @Test
  void aWeakPassword_isRefused_andNoUserIsCreated() throws Exception {
    long before = Fixtures.count("users");
    var c = command(Map.of("USER_PASSWORD", "short"), "");
    Namespace ns = args(c, "config.yml", "--username", Fixtures.username("cli"), "--role", "ADMIN");
    ApiException e = assertThrows(ApiException.class, () -> c.run(null, ns, TestApp.support().getConfiguration()));
    assertEquals("password", e.errors().get(0).field());
    assertEquals(before, Fixtures.count("users"));
  }

  @Test
  void thereIsNoPasswordOption_onTheCommandLine() {
    var c = command(Map.of(), "");
    assertThrows(ArgumentParserException.class, () -> args(c, "config.yml", "--username", "x-user", "--role", "ADMIN", "--password", "Secret-2026"));
    assertThrows(ArgumentParserException.class, () -> args(c, "config.yml", "--username", "x-user", "--role", "ROOT"));
  }
}
