package cn.donghe.rehab.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outside channels against real local servers: GreenMail (SMTP) and MockWebServer (HTTP). */
class ChannelDeliveryTest {
  private static final String SECRET = "webhook-secret-for-tests-0123456789";
  private final OutboxTestKit kit = new OutboxTestKit(true, true);
  private GreenMail smtp;
  private MockWebServer gateway;

  @BeforeEach
  void servers() throws Exception {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    gateway = new MockWebServer();
    gateway.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws Exception {
    smtp.stop();
    gateway.shutdown();
  }

  private EmailChannel email() {
    NotificationConfig.Smtp c = new NotificationConfig.Smtp();
    c.setHost("127.0.0.1");
    c.setPort(smtp.getSmtp().getPort());
    c.setFrom("rehab@donghe.example");
    return new EmailChannel(c);
  }

  private WebhookChannel webhook() {
    NotificationConfig.Webhook c = new NotificationConfig.Webhook();
    c.setUrl(gateway.url("/hook").toString());
    c.setSecret(SECRET);
    c.setTimeout(io.dropwizard.util.Duration.seconds(5));
    return new WebhookChannel(c, Api.JSON);
  }

  private AppUser withEmail(String address, String language, boolean webhookOn) {
    AppUser u = OutboxTestKit.user();
    TestApp.context().get(OutboxService.class).savePreferences(u, new Preferences(address, language, true, webhookOn));
    return u;
  }

  @Test
  void email_reachesTheSmtpServer_inTheRecipientsLanguage_asTextAndHtml_withTheEventKey() throws Exception {
    AppUser en = withEmail("guardian-en@example.org", "en", false);
    AppUser zh = withEmail("guardian-zh@example.org", "zh-CN", false);
    String key = OutboxTestKit.uniqueKey("mail");
    Map<String, String> params = Map.of("item", "Wheelchair <b>", "serial", "WC-1", "due", "2026-12-10", "days", "7");
    assertTrue(kit.publish(key, en, NotificationEvent.Kind.LOAN_DUE_SOON, params));
    assertTrue(kit.publish(key, zh, NotificationEvent.Kind.LOAN_DUE_SOON, params));

    DeliveryWorker.Run run = kit.worker(OutboxTestKit.config(3, "1s"), email()).runOnce();
    assertEquals(2, run.delivered());
    assertTrue(smtp.waitForIncomingEmail(5000, 2));
    MimeMessage[] got = smtp.getReceivedMessages();
    assertEquals(2, got.length);
    for (MimeMessage m : got) {
      String to = m.getAllRecipients()[0].toString();
      boolean english = to.startsWith("guardian-en");
      assertEquals(english ? "Loan due on 2026-12-10" : "借用辅具将于 2026-12-10 到期", m.getSubject());
      assertEquals(key + "@" + (english ? en : zh).id(), m.getHeader("X-Event-Key")[0]);
      MimeMultipart parts = (MimeMultipart) m.getContent();
      assertEquals(2, parts.getCount());
      assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
      assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
      String text = (String) parts.getBodyPart(0).getContent();
      String html = (String) parts.getBodyPart(1).getContent();
      assertTrue(text.contains(english ? "is due on 2026-12-10, in 7 days" : "还有 7 天"), text);
      assertTrue(html.contains("Wheelchair &lt;b&gt;"), "parameters are escaped in HTML: " + html);
    }
    assertEquals("DELIVERED", OutboxTestKit.deliveriesOf(en).get(0).get("status"));
  }

  @Test
  void webhook_isSigned_retriedWithBackoff_andDeliveredOnce_toAReceiverThatDropsRepeats() throws Exception {
    AppUser u = OutboxTestKit.user();
    String key = OutboxTestKit.uniqueKey("hook");
    assertTrue(kit.publish(key, u, NotificationEvent.Kind.TEST, Map.of("text", "hello")));
    gateway.enqueue(new MockResponse().setResponseCode(500));
    gateway.enqueue(new MockResponse().setResponseCode(503));
    gateway.enqueue(new MockResponse().setResponseCode(200));
    DeliveryWorker worker = kit.worker(OutboxTestKit.config(5, "10s"), webhook());

    assertEquals(1, worker.runOnce().failed());
    assertEquals(0, worker.runOnce().failed() + worker.runOnce().delivered(), "not due again before the backoff");
    kit.clock.set(kit.clock.instant().plus(Duration.ofSeconds(10)));
    assertEquals(1, worker.runOnce().failed());
    kit.clock.set(kit.clock.instant().plus(Duration.ofSeconds(19)));
    assertEquals(0, worker.runOnce().delivered(), "second wait is 20 s");
    kit.clock.set(kit.clock.instant().plus(Duration.ofSeconds(1)));
    assertEquals(1, worker.runOnce().delivered());

    Set<String> receivedKeys = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      RecordedRequest r = gateway.takeRequest(5, TimeUnit.SECONDS);
      assertNotNull(r);
      byte[] raw = r.getBody().readByteArray();
      JsonNode body = Api.JSON.readTree(raw);
      assertEquals(WebhookChannel.sign(SECRET.getBytes(StandardCharsets.UTF_8), raw), r.getHeader("X-Signature"));
      assertEquals(body.path("eventKey").asText(), r.getHeader("X-Event-Key"));
      assertEquals("这是一条测试消息：hello", body.path("text").asText());
      receivedKeys.add(body.path("eventKey").asText());
    }
    assertEquals(Set.of(key + "@" + u.id()), receivedKeys, "every attempt carries the same key");
    Map<String, Object> d = OutboxTestKit.deliveriesOf(u).get(0);
    assertEquals("DELIVERED", d.get("status"));
    assertEquals(3, d.get("attempts"));
  }

  @Test
  void webhook_failingEveryAttempt_isDeadLettered_andAnAdminRetryDeliversIt() throws Exception {
    AppUser u = OutboxTestKit.user();
    assertTrue(kit.publish(OutboxTestKit.uniqueKey("dead"), u, NotificationEvent.Kind.TEST, Map.of("text", "x")));
    gateway.enqueue(new MockResponse().setResponseCode(500));
    gateway.enqueue(new MockResponse().setResponseCode(502));
    DeliveryWorker worker = kit.worker(OutboxTestKit.config(2, "1s"), webhook());
    worker.runOnce();
    kit.clock.set(kit.clock.instant().plus(Duration.ofSeconds(1)));
    assertEquals(1, worker.runOnce().dead());
    Map<String, Object> d = OutboxTestKit.deliveriesOf(u).get(0);
    assertEquals("DEAD", d.get("status"));
    assertTrue(String.valueOf(d.get("last_error")).contains("502"));
    kit.clock.set(kit.clock.instant().plus(Duration.ofHours(1)));
    assertEquals(0, worker.runOnce().failed(), "a dead letter is not retried by itself");

    String id = d.get("id").toString();
    Api.Resp list = TestApp.admin().get("/notification-deliveries?status=DEAD&limit=500");
    assertEquals(200, list.status(), list.toString());
    boolean listed = false;
    for (JsonNode n : list.get("items")) listed |= n.path("id").asText().equals(id);
    assertTrue(listed, "the dead letter is in the ADMIN's list");

    Api.Resp retry = TestApp.admin().post("/notification-deliveries/" + id + "/retry", null);
    assertEquals(200, retry.status(), retry.toString());
    assertEquals("PENDING", retry.str("status"));
    assertEquals(0, retry.json().path("attempts").asInt());
    assertEquals(409, TestApp.admin().post("/notification-deliveries/" + id + "/retry", null).status(), "only DEAD is retried");

    gateway.enqueue(new MockResponse().setResponseCode(204));
    assertEquals(1, worker.runOnce().delivered());
    assertEquals("DELIVERED", OutboxTestKit.deliveriesOf(u).get(0).get("status"));
    assertEquals(3, gateway.getRequestCount());
  }

  @Test
  void webhook_unreachable_countsAsFailedAttempt_nothingLost() throws Exception {
    AppUser u = OutboxTestKit.user();
    assertTrue(kit.publish(OutboxTestKit.uniqueKey("down"), u, NotificationEvent.Kind.TEST, Map.of("text", "x")));
    WebhookChannel hook = webhook();
    gateway.shutdown();
    DeliveryWorker worker = kit.worker(OutboxTestKit.config(5, "1s"), hook);
    assertEquals(1, worker.runOnce().failed());
    Map<String, Object> d = OutboxTestKit.deliveriesOf(u).get(0);
    assertEquals("PENDING", d.get("status"));
    assertEquals(1, d.get("attempts"));
    OutboxTest.cleanUp(u);
  }

  /** Two workers at once (two instances): SKIP LOCKED hands each row to one of them; each is sent exactly once. */
  @Test
  void twoWorkersAtOnce_sendEveryMessageOnce() throws Exception {
    AppUser u = OutboxTestKit.user();
    for (int i = 0; i < 30; i++) assertTrue(kit.publish(OutboxTestKit.uniqueKey("pair" + i), u, NotificationEvent.Kind.TEST, Map.of("text", "x")));
    List<String> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    Channel slow = new Channel() {
      @Override public String name() { return "WEBHOOK"; }
      @Override public void send(OutgoingMessage m) throws Exception {
        Thread.sleep(5);
        sent.add(m.eventKey());
      }
    };
    DeliveryWorker a = kit.worker(OutboxTestKit.config(3, "1s"), slow);
    DeliveryWorker b = kit.worker(OutboxTestKit.config(3, "1s"), slow);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    var fa = pool.submit(a::runOnce);
    var fb = pool.submit(b::runOnce);
    int delivered = fa.get().delivered() + fb.get().delivered();
    pool.shutdown();
    assertEquals(30, delivered);
    assertEquals(30, sent.size());
    assertEquals(30, new HashSet<>(sent).size(), "no message sent twice");
  }

  @Test
  void backoff_doublesUpToTheCap() {
    DeliveryWorker w = kit.worker(OutboxTestKit.config(9, "30s"), email());
    assertEquals(Duration.ofSeconds(30), w.backoff(1));
    assertEquals(Duration.ofSeconds(60), w.backoff(2));
    assertEquals(Duration.ofSeconds(240), w.backoff(4));
    assertEquals(Duration.ofMinutes(10), w.backoff(30));
  }

  @Test
  void webhookUrl_mustBeHttpsOrLoopback() {
    assertEquals("https", WebhookChannel.checkedUrl("https://sms.example.org/hook").getScheme());
    assertEquals("http", WebhookChannel.checkedUrl("http://127.0.0.1:9/hook").getScheme());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> WebhookChannel.checkedUrl("http://10.1.2.3/hook"));
  }
}
