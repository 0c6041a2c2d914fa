package cn.donghe.rehab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.access.common.AccessConstants;
import ch.qos.logback.access.common.util.AccessCommonVersionUtil;
import ch.qos.logback.access.jetty.Jetty12VersionUtil;
import ch.qos.logback.core.ContextBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.CoreVersionUtil;
import ch.qos.logback.core.util.VersionUtil;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request log's start-up version check (the same calls logback-access's RequestLogImpl makes) finds
 * matching logback versions, so a clean start prints no warnings.
 */
class LogbackVersionsTest {
  @Test
  void theRequestLogsVersionCheck_warnsOfNothing() {
    ContextBase ctx = new ContextBase();
    String core = CoreVersionUtil.getCoreVersionBySelfDeclaredProperties();
    String common = AccessCommonVersionUtil.getAccessCommonVersionBySelfDeclaredProperties();
    String jetty = Jetty12VersionUtil.getAccessJetty12VersionBySelfDeclaredProperties();
    VersionUtil.checkForVersionEquality(ctx, common, jetty, "logback-access-common", "logback-access-jetty12");
    new AccessCommonVersionUtil(ctx).compareExpectedAndFoundVersion(core, AccessConstants.class, common, "logback-access-common", "logback-core");
    List<String> warnings = ctx.getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getLevel() >= Status.WARN).map(Status::getMessage).toList();
    assertEquals(List.of(), warnings);
  }
}
