package dev.zdm.jdbc.rows;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * A key's values in the form that compares as the database compares them, for matching the rows a
 * query returned to the keys asked for: {@code 1.50} equals {@code 1.5}, two offsets of one instant
 * are equal, {@code -0.0} equals {@code 0.0}. Immutable.
 */
record KeyIdentity(List<Object> values) {

  static KeyIdentity of(Object[] values) {
    Object[] identity = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      identity[i] = normalise(values[i]);
    }
    return new KeyIdentity(Arrays.asList(identity));
  }

  private static Object normalise(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof Double d) {
      return d == 0 ? 0.0 : d;
    }
    if (value instanceof Float f) {
      return f == 0 ? 0.0 : (double) f;
    }
    return value;
  }
}
