package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.Role;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Locale formatting, bilingual service messages, safe return paths and the closed-by-default page gate. */
class WebPageTest {
  private static WebPage page(Lang lang) {
    WebContext web = new WebContext(null, null, null, lang, false, "csrf", "/app", false, ZoneId.of("Asia/Shanghai"), null, java.util.Set.of());
    return WebPage.of(web, "home", "home.title");
  }

  @Test
  void datesAndMoney_followTheLanguage() {
    assertEquals("2022年3月5日", page(Lang.ZH).date(LocalDate.of(2022, 3, 5)));
    assertEquals("Mar 5, 2022", page(Lang.EN).date(LocalDate.of(2022, 3, 5)));
    assertEquals("¥20,000.00", page(Lang.ZH).money(new BigDecimal("20000")));
    assertTrue(page(Lang.EN).money(new BigDecimal("24000.5")).endsWith("24,000.50"));
  }

  @Test
  void serviceMessages_showTheHalfOfTheReadersLanguage() {
    assertEquals("必填", Lang.ZH.pick("必填 / required"));
    assertEquals("required", Lang.EN.pick("必填 / required"));
    assertEquals("plain", Lang.EN.pick("plain"));
  }

  @Test
  void returnPaths_stayOnOurPages() {
    assertEquals("/app/admin/persons", WebPaths.safeReturn("/app/admin/persons", "/app"));
    assertEquals("/app", WebPaths.safeReturn("//evil.example/app", "/app"));
    assertEquals("/app", WebPaths.safeReturn("https://evil.example/", "/app"));
    assertEquals("/app", WebPaths.safeReturn("/api/v1/persons", "/app"));
    assertEquals("/app", WebPaths.safeReturn("/app/../api/v1/me", "/app"));
  }

  static class Sample {
    public void unannotated() {}
    @WebPublic public void open() {}
    @WebRoles(Role.DOCTOR) public void doctors() {}
    @WebRoles public void anyone() {}
  }

  @Test
  void aPageWithoutDeclaredAccess_isClosed() throws NoSuchMethodException {
    assertTrue(access("unannotated").closed());
    assertTrue(access("open").open());
    WebAccessFeature.Access doctors = access("doctors");
    assertTrue(doctors.roles().contains(Role.DOCTOR) && doctors.roles().size() == 1 && !doctors.open());
    assertEquals(Role.values().length, access("anyone").roles().size());
    assertFalse(access("anyone").closed());
  }

  private static WebAccessFeature.Access access(String method) throws NoSuchMethodException {
    Method m = Sample.class.getMethod(method);
    return WebAccessFeature.Access.of(m, Sample.class);
  }
}
