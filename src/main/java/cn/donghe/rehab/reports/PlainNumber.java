package cn.donghe.rehab.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.math.BigDecimal;

/** Writes an exact decimal as a JSON number without trailing zeros (90, 92.5), where a format asks for a number. */
final class PlainNumber extends JsonSerializer<Number> {
  @Override public void serialize(Number value, JsonGenerator g, SerializerProvider p) throws IOException {
    g.writeNumber(plain(value));
  }

  static String plain(Number value) {
    BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    d = d.stripTrailingZeros();
    return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
  }
}
