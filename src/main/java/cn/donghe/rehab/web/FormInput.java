package cn.donghe.rehab.web;

import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.FieldError;
import jakarta.ws.rs.core.MultivaluedMap;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads typed values from a submitted form. A value that cannot be read (a date that is not a date,
 * "12a" minutes) is remembered as a field error in the reader's language; {@link #throwIfAny()}
 * refuses the form with all of them before any service is called. Blank values read as null and
 * are left to the service's own "required" rules.
 */
final class FormInput {
  private final MultivaluedMap<String, String> form;
  private final WebContext web;
  private final List<FieldError> errors = new ArrayList<>();

  FormInput(MultivaluedMap<String, String> form, WebContext web) {
    this.form = form;
    this.web = web;
  }

  String text(String name) { return Web.field(form, name); }

  List<String> all(String name) { return Web.fields(form, name); }

  boolean checked(String name) { return "true".equals(text(name)); }

  LocalDate date(String name) {
    String v = text(name);
    if (v == null) return null;
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(name, web.t("form.badDate")));
      return null;
    }
  }

  Integer integer(String name) {
    String v = text(name);
    if (v == null) return null;
    if (!v.matches("[0-9]{1,6}")) {
      errors.add(new FieldError(name, web.t("form.badNumber")));
      return null;
    }
    return Integer.valueOf(v);
  }

  /** Money as typed: digits with at most two decimals ("300", "300.5", "300.50"). */
  BigDecimal money(String name) {
    String v = text(name);
    if (v == null) return null;
    String plain = v.replace(",", "").replace("，", "").replace("¥", "").strip();
    if (!plain.matches("[0-9]{1,9}(\\.[0-9]{1,2})?")) {
      errors.add(new FieldError(name, web.t("form.badMoney")));
      return null;
    }
    return new BigDecimal(plain).setScale(2);
  }

  void error(String name, String messageKey) { errors.add(new FieldError(name, web.t(messageKey))); }

  /** 422 naming every field that could not be read. */
  void throwIfAny() {
    if (!errors.isEmpty()) throw ApiException.invalid(List.copyOf(errors));
  }
}
