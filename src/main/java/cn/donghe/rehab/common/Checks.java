package cn.donghe.rehab.common;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors so one answer names every invalid field; {@link #throwIfAny()} refuses with 422. */
public final class Checks {
  private final List<FieldError> errors = new ArrayList<>();

  public Checks require(boolean ok, String field, String message) {
    if (!ok) errors.add(new FieldError(field, message));
    return this;
  }

  public Checks required(Object value, String field) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      errors.add(new FieldError(field, "必填 / required"));
    }
    return this;
  }

  public Checks maxLength(String value, int max, String field) {
    if (value != null && value.codePointCount(0, value.length()) > max) {
      errors.add(new FieldError(field, "长度不能超过 " + max + " / at most " + max + " characters"));
    }
    return this;
  }

  public boolean has(String field) { return errors.stream().anyMatch(e -> e.field().equals(field)); }
  public boolean ok() { return errors.isEmpty(); }
  public List<FieldError> errors() { return List.copyOf(errors); }

  public void throwIfAny() {
    if (!errors.isEmpty()) throw ApiException.invalid(errors);
  }
}
