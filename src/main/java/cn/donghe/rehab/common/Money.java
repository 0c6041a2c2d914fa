package cn.donghe.rehab.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Money and other exact decimals travel as JSON strings with exactly two decimals ("20000.00").
 * Input must be a string (or integer/decimal literal) with at most two decimals; never a double.
 */
public final class Money {
  public static final BigDecimal ZERO = new BigDecimal("0.00");
  private static final Pattern FORMAT = Pattern.compile("-?\\d{1,12}(\\.\\d{1,2})?");
  private Money() {}

  public static BigDecimal of(String s) { return new BigDecimal(s).setScale(2, RoundingMode.UNNECESSARY); }

  public static BigDecimal scale(BigDecimal v) { return v == null ? null : v.setScale(2, RoundingMode.HALF_UP); }

  public static String format(BigDecimal v) { return v == null ? null : scale(v).toPlainString(); }

  public static boolean isValid(String s) { return s != null && FORMAT.matcher(s).matches(); }

  public static SimpleModule jacksonModule() {
    SimpleModule m = new SimpleModule("money");
    m.addSerializer(BigDecimal.class, new JsonSerializer<>() {
      @Override public void serialize(BigDecimal v, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeString(format(v));
      }
    });
    m.addDeserializer(BigDecimal.class, new JsonDeserializer<>() {
      @Override public BigDecimal deserialize(JsonParser p, DeserializationContext c) throws IOException {
        JsonToken t = p.currentToken();
        String text;
        if (t == JsonToken.VALUE_STRING) text = p.getText().trim();
        else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) text = p.getText();
        else throw InvalidFormatException.from(p, "金额必须是字符串，如 \"20000.00\" / money must be a string like \"20000.00\"", p.getText(), BigDecimal.class);
        if (!isValid(text)) {
          throw InvalidFormatException.from(p, "金额格式应为最多两位小数，如 \"20000.00\" / money must have at most two decimals, e.g. \"20000.00\"", text, BigDecimal.class);
        }
        return new BigDecimal(text).setScale(2, RoundingMode.UNNECESSARY);
      }
    });
    return m;
  }
}
