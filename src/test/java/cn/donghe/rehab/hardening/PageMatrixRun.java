package cn.donghe.rehab.hardening;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.hardening.PageMatrix.Req;
import cn.donghe.rehab.hardening.PageMatrix.Row;
import cn.donghe.rehab.hardening.PageMatrix.Who;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.ServedEndpoints;
import cn.donghe.rehab.web.WebClient;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sends every cell of {@link PageMatrix} and judges it: the status; a refusal is an HTML page (never problem+json)
 * and leaves the database unchanged ({@link DbState}); a successful form redirects somewhere other than the sign-in
 * page; an out-of-scope 404 page reads exactly like the 404 page for an id that exists nowhere; a list page shows
 * no record of the other world (and, so that this check can fail, shows the caller's own); and no page shown to
 * an institution or doctor carries a child's full ID number or birth date (a guardian sees only their own child's).
 */
final class PageMatrixRun {
  private final MatrixWorld home;
  private final MatrixWorld away;
  private final MatrixWorld ghost;
  private final Map<Who, AppUser> users = new EnumMap<>(Who.class);
  private final Map<Who, WebClient> clients = new EnumMap<>(Who.class);
  final List<String> failures = new ArrayList<>();
  final Map<String, Integer> counts = new LinkedHashMap<>();

  private PageMatrixRun(MatrixWorld home, MatrixWorld away) {
    this.home = home;
    this.away = away;
    this.ghost = away.ghost();
    PageMatrix.home = home;
    // each child's PENDING referral (doctor to centre) and an overdue plan exist before the first page, so list pages can show or hide them
    home.referral();
    away.referral();
    home.overduePerson();
    away.overduePerson();
    users.put(Who.A, user("ADMIN", null, null, null));
    users.put(Who.R, user("ADMIN", null, null, home.town));
    users.put(Who.I, user("INSTITUTION", home.centre, null, null));
    users.put(Who.J, user("INSTITUTION", Fixtures.institution(home.community, false, "REHAB").path("id").asText(), null, null));
    users.put(Who.D, user("DOCTOR", null, home.doctor, null));
    users.put(Who.E, user("DOCTOR", null, Fixtures.doctor(home.clinic).path("id").asText(), null));
    users.put(Who.G, home.guardianUser);
    users.forEach((who, u) -> clients.put(who, signIn(u)));
  }

  /** Runs the page half of the matrix; the stale tokens are an expired and a revoked session token of a real ADMIN. */
  static PageMatrixRun run(MatrixWorld home, MatrixWorld away, String expiredToken, String revokedToken) {
    PageMatrixRun run = new PageMatrixRun(home, away);
    for (Row row : PageMatrix.rows()) run.row(row, List.of(new WebClient(), stale(expiredToken), stale(revokedToken)));
    return run;
  }

  private void row(Row row, List<WebClient> anonymous) {
    Map<MatrixWorld, Req> cached = new HashMap<>();
    boolean witnessed = false;
    for (Who who : Who.values()) {
      for (int side = 0; side < 2; side++) {
        WebClient client = row.freshLogin() ? signIn(users.get(who)) : clients.get(who);
        MatrixWorld w = side == 0 ? home : away;
        int want = row.expect().get(who)[side];
        String cell = row.endpoint() + " as " + who + (side == 0 ? " on own" : " on other's");
        // a success acts on a record of its own; refusals share one request per world
        Req req = want < 400 ? row.request().apply(w) : cached.computeIfAbsent(w, row.request());
        WebClient.Page p = check(cell, row, client, req, want, true);
        if (p == null) continue;
        if (side == 1 && want == 404) compareWithGhost(cell, row, client, p);
        if (p.status() == 200) secrets(cell, who, side, p.body());
        if (p.status() == 200 && row.hidden() != null) {
          if (side == 0 && p.body().contains(row.hidden().apply(home))) witnessed = true;
          if (side == 1 && row.hiddenFrom().contains(who) && p.body().contains(row.hidden().apply(away))) {
            failures.add(cell + ": shows the out-of-scope record " + row.hidden().apply(away));
          }
        }
      }
    }
    if (row.hidden() != null && !witnessed) failures.add(row.endpoint() + ": no caller saw its own record, so the hides check cannot fail");
    String[] names = {"no session", "an expired session", "a revoked session"};
    for (int i = 0; i < anonymous.size(); i++) {
      Req req = row.anon() < 400 ? row.request().apply(home) : cached.computeIfAbsent(home, row.request());
      WebClient.Page p = check(row.endpoint() + " with " + names[i], row, anonymous.get(i), req, row.anon(), false);
      boolean gated = req.path().startsWith("/app") || req.path().equals("/logout");
      if (p != null && gated && !isSignIn(p.header("Location"))) failures.add(row.endpoint() + " with " + names[i] + ": not sent to sign in but to " + p.header("Location"));
    }
  }

  /** Sends one request; checks status, page shape and (for refusals and visitors) that nothing changed. Null when it failed. */
  private WebClient.Page check(String cell, Row row, WebClient client, Req req, int want, boolean signedIn) {
    String template = row.endpoint().substring(row.endpoint().indexOf(' ') + 1);
    if (!row.endpoint().startsWith(req.method() + " ") || !ServedEndpoints.fits(template, req.path())) {
      failures.add(cell + ": the row builds " + req.method() + " " + req.path() + ", which is not this page");
      return null;
    }
    DbState.Snapshot before = want >= 400 || !signedIn ? DbState.snapshot() : null;
    WebClient.Page p = send(client, req);
    counts.merge(p.status() < 300 ? "2xx" : String.valueOf(p.status()), 1, Integer::sum);
    if (p.status() != want) {
      failures.add(cell + ": expected " + want + " but got " + p.status() + " " + abbreviate(p.status() == 303 ? p.header("Location") : text(p.body())));
      return null;
    }
    String type = p.header("Content-Type");
    if (want >= 400 && (type == null || !type.startsWith("text/html"))) failures.add(cell + ": refusal is not an HTML page: " + type);
    if (signedIn && want == 303 && isSignIn(p.header("Location")) && !req.path().equals("/logout")) {
      failures.add(cell + ": sent to sign in again: " + p.header("Location"));
    }
    if (before != null) {
      Set<String> changed = DbState.changedSince(before, row.mayChange());
      if (!changed.isEmpty()) failures.add(cell + ": answered " + p.status() + " but the database changed: " + changed);
    }
    return p;
  }

  /** An out-of-scope record must answer exactly like an id that exists nowhere. */
  private void compareWithGhost(String cell, Row row, WebClient client, WebClient.Page answer) {
    WebClient.Page unknown = send(client, row.request().apply(ghost));
    if (unknown.status() != answer.status() || !main(unknown.body()).equals(main(answer.body()))) {
      failures.add(cell + ": out-of-scope page differs from the page for an unknown id: " + unknown.status() + " "
          + abbreviate(text(main(unknown.body()))) + " vs " + abbreviate(text(main(answer.body()))));
    }
  }

  /** No full ID number or birth date of a child on pages of institutions and doctors; a guardian sees only their own child's. */
  private void secrets(String cell, Who who, int side, String body) {
    if (who == Who.A || who == Who.R) return;
    List<MatrixWorld> hidden = who == Who.G ? List.of(away) : List.of(home, away);
    for (MatrixWorld w : hidden) {
      for (String s : secretsOf(w)) {
        // the two children share a birthday: what the guardian may see of their own child is not a leak of the other
        if (who == Who.G && secretsOf(home).contains(s) && !s.equals(w.childIdNumber)) continue;
        if (body.contains(s)) failures.add(cell + ": the page shows " + s + " of the " + (w == home ? "HOME" : "AWAY") + " child");
      }
    }
  }

  /** The child's full ID number and its birth date as the pages would write it (ISO, Chinese, English). */
  private static List<String> secretsOf(MatrixWorld w) {
    LocalDate birth = LocalDate.parse(w.childIdNumber.substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE);
    return List.of(w.childIdNumber, birth.toString(), birth.getYear() + "年" + birth.getMonthValue() + "月" + birth.getDayOfMonth() + "日",
        birth.format(DateTimeFormatter.ofPattern("MMM d, yyyy", java.util.Locale.ENGLISH)));
  }

  private static WebClient.Page send(WebClient client, Req req) {
    WebClient.Page p = req.method().equals("GET") ? client.get(req.path()) : client.post(req.path(), req.form());
    // the preference rows set language and view cookies; every cell reads the default view
    client.cookies.remove("rehab_lang");
    client.cookies.remove("rehab_view");
    return p;
  }

  private static boolean isSignIn(String location) {
    if (location == null) return false;
    String path = location.replaceFirst("^https?://[^/]+", "");
    return path.equals("/") || path.startsWith("/?next=") || path.startsWith("/?expired=");
  }

  /** The page's main content with ids and form tokens taken out (they differ between any two answers). */
  private static String main(String body) {
    int from = body.indexOf("<main");
    int to = body.indexOf("</main>");
    String m = from >= 0 && to > from ? body.substring(from, to) : body;
    return m.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>").replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "");
  }

  private static String text(String html) { return html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim(); }

  private static String abbreviate(String s) { return s == null ? "null" : s.length() > 300 ? s.substring(0, 300) + "…" : s; }

  private static WebClient signIn(AppUser u) {
    WebClient c = new WebClient().login(u.username(), Fixtures.PASSWORD);
    c.get("/app"); // the form token of this session
    return c;
  }

  private static WebClient stale(String token) {
    WebClient c = new WebClient();
    c.cookies.put("rehab_session", token + "." + (System.currentTimeMillis() / 1000 + 3600));
    return c;
  }

  private static AppUser user(String role, String institution, String doctor, String region) {
    return Fixtures.createUserDirect(Fixtures.username("px-" + role.toLowerCase()), role, institution == null ? null : UUID.fromString(institution),
        doctor == null ? null : UUID.fromString(doctor), List.of(), region);
  }
}
