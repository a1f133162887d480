package dev.zdm.jdbc.rows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.util.UUID;

/**
 * Turns values into the Java type of a {@link ColumnKind}: key values as the outbox's JSON holds
 * them, and row values on their way into a target column (copied from a compatible source column or
 * returned by a computed column). Failures are {@link IllegalArgumentException}s whose messages
 * name the Java type, never the value; callers add the table and column.
 */
final class ValueConversion {

  /**
   * Timestamps as capture triggers render them: PostgreSQL {@code 2024-01-01T10:00:00[+00:00]},
   * MariaDB {@code 2024-01-01 10:00:00.000000}.
   */
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffset("+HH:mm:ss", "Z")
          .optionalEnd()
          .toFormatter();

  private ValueConversion() {}

  /**
   * Converts a key value from the outbox ({@link Long}, {@link BigDecimal}, {@link String}, {@link
   * Boolean}) to the kind of the source's key column. A timestamp with zone written without an
   * offset is read as UTC, the zone zdm's MariaDB statements run in.
   */
  static Object fromKey(ColumnKind kind, Object value) {
    try {
      return switch (kind) {
        case INTEGER -> value instanceof BigDecimal d ? d.longValueExact() : (Long) value;
        case DECIMAL -> value instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) value;
        case REAL -> ((Number) value).floatValue();
        case DOUBLE -> ((Number) value).doubleValue();
        case TEXT -> (String) value;
        case BOOLEAN -> booleanKey(value);
        case DATE -> LocalDate.parse((String) value);
        case TIME -> LocalTime.parse((String) value);
        case TIMESTAMP -> LocalDateTime.from(TIMESTAMP.parse((String) value));
        case TIMESTAMP_TZ -> instantKey((String) value);
        case UUID -> uuid((String) value);
        case BINARY, JSON, UNSUPPORTED ->
            throw new IllegalArgumentException("a key column cannot be of kind " + kind);
      };
    } catch (ClassCastException | ArithmeticException | DateTimeException e) {
      // Not the exception's message: java.time quotes the text it could not parse.
      throw new IllegalArgumentException(
          "the outbox holds a " + typeOf(value) + " there, which does not convert to " + kind);
    }
  }

  private static Boolean booleanKey(Object value) {
    if (value instanceof Long l && (l == 0 || l == 1)) {
      return l == 1; // MariaDB's JSON_ARRAY renders BOOLEAN (TINYINT(1)) as 0 or 1
    }
    return (Boolean) value;
  }

  private static OffsetDateTime instantKey(String text) {
    TemporalAccessor parsed = TIMESTAMP.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
    return parsed instanceof OffsetDateTime instant
        ? instant
        : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
  }

  /** Only the canonical 36-character form: {@code UUID.fromString} also accepts "1-2-3-4-5". */
  private static UUID uuid(String text) {
    String problem = "text that is not a UUID in its 36-character form";
    UUID uuid;
    try {
      uuid = UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(problem); // fromString's message quotes the text
    }
    if (text.length() != 36 || !uuid.toString().equalsIgnoreCase(text)) {
      throw new IllegalArgumentException(problem);
    }
    return uuid;
  }

  /** Converts a value on its way into a target column of a kind; null stays null. */
  static Object forWrite(ColumnKind kind, Object value) {
    if (value == null) {
      return null;
    }
    Object converted =
        switch (kind) {
          case INTEGER -> integer(value);
          case DECIMAL -> decimal(value);
          case REAL -> value instanceof Float ? value : null;
          case DOUBLE ->
              value instanceof Float f ? (double) f : value instanceof Double ? value : null;
          case TEXT -> value instanceof String || value instanceof UUID ? value.toString() : null;
          case JSON -> value instanceof String ? value : null;
          case BINARY -> value instanceof byte[] ? value : null;
          case BOOLEAN -> value instanceof Boolean ? value : null;
          case DATE -> value instanceof LocalDate ? value : null;
          case TIME -> value instanceof LocalTime ? value : null;
          case TIMESTAMP -> value instanceof LocalDateTime ? value : null;
          case TIMESTAMP_TZ -> instant(value);
          case UUID -> value instanceof UUID ? value : value instanceof String s ? uuid(s) : null;
          case UNSUPPORTED -> null;
        };
    if (converted == null) {
      throw new IllegalArgumentException(
          "a " + typeOf(value) + "; the column takes " + javaTypeOf(kind));
    }
    return converted;
  }

  private static Object integer(Object value) {
    if (value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    try {
      if (value instanceof BigInteger big) {
        return big.longValueExact();
      }
      if (value instanceof BigDecimal decimal) {
        return decimal.longValueExact();
      }
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("a " + typeOf(value) + " beyond the range of a long");
    }
    return null;
  }

  private static Object decimal(Object value) {
    if (value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    return value instanceof BigInteger big ? new BigDecimal(big) : null;
  }

  private static Object instant(Object value) {
    if (value instanceof OffsetDateTime) {
      return value;
    }
    if (value instanceof Instant instant) {
      return instant.atOffset(ZoneOffset.UTC);
    }
    return value instanceof ZonedDateTime zoned ? zoned.toOffsetDateTime() : null;
  }

  static String javaTypeOf(ColumnKind kind) {
    return switch (kind) {
      case INTEGER -> "Long (or Integer, Short)";
      case DECIMAL -> "BigDecimal (or Long)";
      case REAL -> "Float";
      case DOUBLE -> "Double (or Float)";
      case TEXT -> "String (or UUID)";
      case JSON -> "String holding JSON text";
      case BINARY -> "byte[]";
      case BOOLEAN -> "Boolean";
      case DATE -> "LocalDate";
      case TIME -> "LocalTime";
      case TIMESTAMP -> "LocalDateTime";
      case TIMESTAMP_TZ -> "OffsetDateTime (or Instant, ZonedDateTime)";
      case UUID -> "UUID (or its String form)";
      case UNSUPPORTED -> "nothing";
    };
  }

  private static String typeOf(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }
}
