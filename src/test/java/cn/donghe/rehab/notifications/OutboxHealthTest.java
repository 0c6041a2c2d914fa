package cn.donghe.rehab.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin port's view of the outbox: depth and oldest age as metrics, a health check that fails when delivery is stuck. */
class OutboxHealthTest {
  private static JsonNode admin(String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + TestApp.adminPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    return Api.JSON.readTree(r.body());
  }

  @Test
  void aMessageUndeliveredForLongerThanStuckAfter_failsTheHealthCheck_andShowsInTheGauges() throws Exception {
    assertTrue(admin("/healthcheck").path("notifications").path("healthy").asBoolean());
    OutboxTestKit kit = new OutboxTestKit(false, true);
    kit.clock.set(kit.clock.instant().minus(Duration.ofHours(2)));
    AppUser u = OutboxTestKit.user();
    assertTrue(kit.publish(OutboxTestKit.uniqueKey("stuck"), u, NotificationEvent.Kind.TEST, Map.of("text", "x")));
    try {
      JsonNode health = admin("/healthcheck").path("notifications");
      assertEquals(false, health.path("healthy").asBoolean(), health.toString());
      JsonNode gauges = admin("/metrics").path("gauges");
      assertTrue(gauges.path("notifications.outbox.depth").path("value").asLong() >= 1);
      assertTrue(gauges.path("notifications.outbox.oldestAgeSeconds").path("value").asLong() >= 7000);
    } finally {
      OutboxTest.cleanUp(u);
    }
    assertTrue(admin("/healthcheck").path("notifications").path("healthy").asBoolean());
  }
}
