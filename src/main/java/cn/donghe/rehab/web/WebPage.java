package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AppUser;
import io.dropwizard.views.common.View;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rendered page: template {@code templates/<name>.ftlh}, its title (a message key), the
 * request's {@link WebContext}, page data ({@code data.x} in the template) and the form state.
 * Everything a template may call is a public method here: {@code t("key")}, {@code date(d)},
 * {@code money(m)}, {@code code("category", "PHYSICAL")} ...
 */
public final class WebPage extends View {
  private final WebContext web;
  private final String titleKey;
  private final Object[] titleArgs;
  private final Map<String, Object> data = new LinkedHashMap<>();
  private FormState form = FormState.empty();
  private String notice;

  private WebPage(String template, WebContext web, String titleKey, Object[] titleArgs) {
    super("/templates/" + template + ".ftlh", StandardCharsets.UTF_8);
    this.web = web;
    this.titleKey = titleKey;
    this.titleArgs = titleArgs;
  }

  public static WebPage of(WebContext web, String template, String titleKey, Object... titleArgs) {
    return new WebPage(template, web, titleKey, titleArgs);
  }

  public WebPage with(String key, Object value) {
    data.put(key, value);
    return this;
  }

  public WebPage withForm(FormState f) {
    this.form = f;
    return this;
  }

  /** A confirmation shown at the top of the page (role=status), as a message key. */
  public WebPage withNotice(String key) {
    this.notice = key == null ? null : web.t(key);
    return this;
  }

  /** This page with an HTTP status (e.g. 422 when a form was refused). */
  public Response status(int status) {
    return Response.status(status).type("text/html;charset=UTF-8").entity(this).build();
  }

  // ---- used by the templates ----

  public String t(String key) { return web.t(key); }
  public String t(String key, Object a) { return web.t(key, a); }
  public String t(String key, Object a, Object b) { return web.t(key, a, b); }
  public String t(String key, Object a, Object b, Object c) { return web.t(key, a, b, c); }
  public String t(String key, Object a, Object b, Object c, Object d) { return web.t(key, a, b, c, d); }

  /** The label of an enum code, e.g. code("category", "PHYSICAL") -> 肢体. */
  public String code(String kind, Object code) {
    return code == null ? "" : web.t(kind + "." + code);
  }

  /** The label of an enum code with one argument, e.g. code("loanState", "OVERDUE", 3) -> 逾期 3 天. */
  public String code(String kind, Object code, Object arg) {
    return code == null ? "" : web.t(kind + "." + code, arg);
  }

  public String date(LocalDate d) {
    return d == null ? "" : d.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(web.lang().locale()));
  }

  public String dateTime(Instant i) {
    return i == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
        .withLocale(web.lang().locale()).withZone(web.zone()).format(i);
  }

  public String time(Instant i) {
    return i == null ? "" : DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(web.lang().locale()).withZone(web.zone()).format(i);
  }

  public String money(BigDecimal amount) {
    if (amount == null) return "";
    NumberFormat f = NumberFormat.getCurrencyInstance(web.lang().locale());
    f.setCurrency(Currency.getInstance("CNY"));
    f.setMinimumFractionDigits(2);
    f.setMaximumFractionDigits(2);
    return f.format(amount);
  }

  /** The date of an instant in the service's zone. */
  public String day(Instant i) {
    return i == null ? "" : date(LocalDate.ofInstant(i, web.zone()));
  }

  /** Whole percent of part in whole (0 when whole is 0), for bars with their text alternative. */
  public int percent(BigDecimal part, BigDecimal whole) {
    if (part == null || whole == null || whole.signum() <= 0) return 0;
    int p = part.multiply(BigDecimal.valueOf(100)).divide(whole, 0, java.math.RoundingMode.DOWN).intValue();
    return Math.max(0, Math.min(100, p));
  }

  /** A UUID or other id as text (map keys in templates are strings). */
  public String str(Object o) { return o == null ? "" : o.toString(); }

  /** Escapes a value for a query string (links with filters and cursors). */
  public String q(Object value) {
    return value == null ? "" : URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
  }

  public String inputId(String field) { return FormState.inputId(field); }
  public String errorId(String field) { return FormState.errorId(field); }

  public String getTitle() { return web.t(titleKey, titleArgs); }
  public String getLang() { return web.lang().tag(); }
  public boolean isEnglish() { return web.lang() == Lang.EN; }
  public boolean isLargeText() { return web.largeText(); }
  public AppUser getUser() { return web.user(); }
  public String getCsrf() { return web.csrf(); }
  public String getPath() { return web.path(); }
  public List<Nav.Item> getNav() { return web.user() == null ? List.of() : Nav.forUser(web.user(), web.institutionServices()); }
  public Map<String, Object> getData() { return data; }
  public FormState getForm() { return form; }
  public String getNotice() { return notice; }
  public String getSessionEnds() { return web.sessionExpires() == null ? null : time(web.sessionExpires()); }
  public String getSessionEndsEpochMs() {
    return web.sessionExpires() == null ? null : Long.toString(web.sessionExpires().toEpochMilli());
  }
  /** Where a preference link returns to: this page (without its query, which may hold a search). */
  public String getReturnTo() { return q(WebPaths.safeReturn(web.path(), "/app")); }
}
