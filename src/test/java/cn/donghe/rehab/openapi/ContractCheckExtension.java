package cn.donghe.rehab.openapi;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * Fails the test during which the service answered something {@code /api/v1/openapi.json} does not describe
 * ({@link ContractCheck}). Registered for every test class through JUnit's extension auto-detection
 * (META-INF/services, enabled in junit-platform.properties), so no test class can forget it. Exchanges made in
 * {@code @BeforeAll} are charged to the class's first test, those of {@code @AfterAll} to the class.
 */
public final class ContractCheckExtension implements AfterEachCallback, AfterAllCallback {
  @Override public void afterEach(ExtensionContext context) { failIfAny(); }

  @Override public void afterAll(ExtensionContext context) { failIfAny(); }

  private static void failIfAny() {
    List<String> failures = ContractCheck.drainPending();
    if (failures.isEmpty()) return;
    StringBuilder sb = new StringBuilder(failures.size() + " answer(s) do not match /api/v1/openapi.json:");
    failures.stream().distinct().limit(20).forEach(f -> sb.append("\n- ").append(f));
    throw new AssertionFailedError(sb.toString());
  }
}
