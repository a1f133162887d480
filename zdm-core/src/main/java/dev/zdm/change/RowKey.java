package dev.zdm.change;

import dev.zdm.ZdmException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The primary-key values of one row, in key-column order. Capture triggers store a key in the
 * outbox as a JSON array ({@code [42]}, {@code [7, "eu"]}); this class reads and writes that form.
 *
 * <p>Values are JSON scalars in Java: {@link Long} or {@link BigDecimal} for numbers, {@link
 * String} for text (and for UUIDs, dates and timestamps, which engines render as strings), {@link
 * Boolean}. Two keys are equal when their values are equal, numbers compared by value ({@code 1.50}
 * equals {@code 1.5}, as in the engines' own key comparisons). Immutable and thread-safe.
 */
public final class RowKey {

  private final List<Object> values;
  private final List<Object> identity;

  private RowKey(List<Object> values) {
    if (values.isEmpty()) {
      throw new ZdmException("a row key needs at least one value");
    }
    this.values = Collections.unmodifiableList(values);
    List<Object> id = new ArrayList<>(values.size());
    for (Object value : values) {
      id.add(value instanceof BigDecimal d ? identityOf(d) : value);
    }
    this.identity = id;
  }

  /**
   * Creates a key from values in key-column order. Integral numbers become {@link Long} (or {@link
   * BigDecimal} beyond its range), other numbers {@link BigDecimal}, UUIDs their text.
   *
   * @param values the key's values; none may be null
   * @return the key
   * @throws ZdmException if there is no value, a value is null, or of a type a key cannot hold
   */
  public static RowKey of(Object... values) {
    List<Object> normalised = new ArrayList<>(values.length);
    for (Object value : values) {
      normalised.add(normalise(value));
    }
    return new RowKey(normalised);
  }

  /**
   * Reads a key from the JSON array a capture trigger wrote.
   *
   * @param json a JSON array of scalars
   * @return the key
   * @throws ZdmException if the text is not such an array
   */
  public static RowKey parseJson(String json) {
    return new RowKey(new JsonArrayReader(json).read());
  }

  /**
   * Returns the key's values in key-column order.
   *
   * @return an unmodifiable list of {@link Long}, {@link BigDecimal}, {@link String} or {@link
   *     Boolean}
   */
  public List<Object> values() {
    return values;
  }

  /**
   * Returns the number of key columns.
   *
   * @return at least 1
   */
  public int size() {
    return values.size();
  }

  /**
   * Writes the key as a compact JSON array, the form the outbox stores.
   *
   * @return JSON text such as {@code [7,"eu"]}
   */
  public String toJson() {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      Object value = values.get(i);
      if (value instanceof String s) {
        appendString(json, s);
      } else if (value instanceof BigDecimal d) {
        json.append(d.toPlainString());
      } else {
        json.append(value);
      }
    }
    return json.append(']').toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RowKey key && identity.equals(key.identity);
  }

  @Override
  public int hashCode() {
    return identity.hashCode();
  }

  /** Returns the JSON form; key values are identifiers, not row contents. */
  @Override
  public String toString() {
    return toJson();
  }

  private static Object identityOf(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() < 19) {
      return stripped.longValueExact();
    }
    return stripped;
  }

  private static Object normalise(Object value) {
    if (value == null) {
      throw new ZdmException("a row key value must not be null (primary-key columns are NOT NULL)");
    }
    if (value instanceof Long || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Double || value instanceof Float) {
      return new BigDecimal(value.toString());
    }
    if (value instanceof UUID uuid) {
      return uuid.toString();
    }
    throw new ZdmException(
        "a row key value must be a number, text or boolean, was a " + value.getClass().getName());
  }

  private static void appendString(StringBuilder json, String s) {
    json.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
