package cn.donghe.rehab.web;

import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.FieldError;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a form shows: the values the user typed and the errors per field. Field {@code a.b} has the
 * input id {@code f-a-b} and its message id {@code e-a-b}; the error summary links to the input.
 * {@code labels} maps each field of the form to the message key of its label (also used by the
 * summary); an error for a field the form does not have is listed without a link.
 */
public final class FormState {
  /** One message in the page's language; {@code id} is the input's id or null. */
  public record FieldMessage(String field, String id, String label, String message) {}

  private final MultivaluedMap<String, String> values;
  private final List<FieldMessage> errors;

  private FormState(MultivaluedMap<String, String> values, List<FieldMessage> errors) {
    this.values = values;
    this.errors = errors;
  }

  public static FormState empty() { return new FormState(new MultivaluedHashMap<>(), List.of()); }

  public static FormState of(MultivaluedMap<String, String> form) {
    MultivaluedHashMap<String, String> copy = new MultivaluedHashMap<>();
    if (form != null) form.forEach((k, v) -> { if (!k.equals("_csrf") && !k.equals("password")) copy.put(k, v); });
    return new FormState(copy, List.of());
  }

  /** The same form without one value (e.g. a looked-up number that should not stay on the screen). */
  public FormState without(String field) {
    MultivaluedHashMap<String, String> copy = new MultivaluedHashMap<>(values);
    copy.remove(field);
    return new FormState(copy, errors);
  }

  public static String inputId(String field) { return "f-" + field.replaceAll("[^A-Za-z0-9]", "-"); }
  public static String errorId(String field) { return "e-" + field.replaceAll("[^A-Za-z0-9]", "-"); }

  /** The refusal of a service, as messages next to the fields (422) or one message for the form. */
  public FormState withErrors(ApiException e, WebContext web, Map<String, String> labels) {
    List<FieldError> given = new ArrayList<>(e.errors());
    if (given.isEmpty()) {
      Object field = e.context().get("field");
      given.add(new FieldError(field instanceof String s ? s : "", e.getMessage()));
    }
    return withErrors(given, web, labels);
  }

  public FormState withErrors(List<FieldError> given, WebContext web, Map<String, String> labels) {
    List<FieldMessage> out = new ArrayList<>();
    for (FieldError fe : given) {
      // A field the form shows itself (interventions[0].setting) keeps its name; otherwise childPersonIds[0] -> childPersonIds.
      String field = fe.field() != null && labels.containsKey(fe.field()) ? fe.field() : baseField(fe.field());
      boolean known = labels.containsKey(field);
      String msg = web.lang().pick(fe.message());
      if (known && out.stream().anyMatch(m -> m.field().equals(field) && m.message().equals(msg))) continue;
      out.add(new FieldMessage(field, known ? inputId(field) : null, known ? web.t(labels.get(field)) : null, msg));
    }
    return new FormState(values, List.copyOf(out));
  }

  /** "childPersonIds[0]" belongs to the field "childPersonIds". */
  private static String baseField(String f) {
    if (f == null) return "";
    int i = f.indexOf('[');
    return i < 0 ? f : f.substring(0, i);
  }

  public String value(String field) {
    String v = values.getFirst(field);
    return v == null ? "" : v;
  }

  public boolean checked(String field, String value) {
    List<String> v = values.get(field);
    return v != null && v.contains(value);
  }

  /** All messages of one field joined, or null. */
  public String error(String field) {
    List<String> msgs = errors.stream().filter(m -> m.field().equals(field)).map(FieldMessage::message).toList();
    return msgs.isEmpty() ? null : String.join(" ", msgs);
  }

  public List<FieldMessage> getErrors() { return errors; }
  public boolean isInvalid() { return !errors.isEmpty(); }
}
