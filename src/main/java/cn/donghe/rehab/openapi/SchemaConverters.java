package cn.donghe.rehab.openapi;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Set;

/** How Java types become schemas: money as two-decimal strings, nested records named after their owner. */
final class SchemaConverters {
  /** Money and other exact decimals: JSON strings with exactly two decimals (DESIGN section 1). */
  static final String MONEY_PATTERN = "^-?\\d+\\.\\d{2}$";
  private static boolean installed;

  private SchemaConverters() {}

  /** Installs the converters once into swagger-core's (process-wide) converter chain. */
  static synchronized void install() {
    if (installed) return;
    ModelConverters converters = ModelConverters.getInstance();
    converters.addConverter(new ModelResolver(Json.mapper(), new OwnerQualifiedNames()));
    converters.addConverter(new MoneyConverter()); // added last = asked first
    installed = true;
  }

  static Schema<String> money() {
    StringSchema s = new StringSchema();
    s.pattern(MONEY_PATTERN);
    s.description("金额（元），两位小数的字符串 / amount in CNY as a string with exactly two decimals");
    s.example("20000.00");
    return s;
  }

  /** Every {@link BigDecimal} (money, rates) is a string with two decimals, as Money's Jackson module writes it. */
  static final class MoneyConverter implements ModelConverter {
    @Override public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
      JavaType t = Json.mapper().constructType(type.getType());
      if (t != null && BigDecimal.class.equals(t.getRawClass())) return money();
      return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }
  }

  /**
   * Component names: a nested type is named {@code Owner.Type} ("PersonService.Lookup", "Person.Guardian"), so
   * two features each declaring a nested {@code Input} record cannot overwrite each other's schema.
   */
  static final class OwnerQualifiedNames extends TypeNameResolver {
    @Override protected String nameForClass(Class<?> cls, Set<Options> options) {
      String name = super.nameForClass(cls, options);
      Class<?> owner = cls.getEnclosingClass();
      if (owner != null && name.equals(cls.getSimpleName()) && cls.getName().startsWith("cn.donghe.rehab")) {
        return owner.getSimpleName() + "." + name;
      }
      return name;
    }
  }
}
