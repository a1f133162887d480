package dev.zdm.mapping;

import java.util.List;

/**
 * Read access to one row's values by column name; what a computed column's function receives.
 *
 * <p>Values are plain Java objects: {@link Long} (integers), {@link java.math.BigDecimal}
 * (numeric/decimal, with the column's scale), {@link Float} (real), {@link Double} (double), {@link
 * String} (text, and JSON as its text), {@code byte[]} (binary), {@link Boolean}, {@link
 * java.time.LocalDate}, {@link java.time.LocalTime}, {@link java.time.LocalDateTime} (timestamp
 * without zone), {@link java.time.OffsetDateTime} (timestamp with zone), {@link java.util.UUID};
 * {@code null} for SQL NULL. Implementations are immutable and thread-safe; {@code byte[]} values
 * are shared, not copied, so callers must not modify them.
 */
public interface RowValues {

  /**
   * Returns the value of a column.
   *
   * @param column the column name, matched exactly
   * @return the value, or {@code null} for SQL NULL
   * @throws dev.zdm.ZdmException if the row has no such column
   */
  Object get(String column);

  /**
   * Returns the names of the columns this row holds, in order.
   *
   * @return an unmodifiable list
   */
  List<String> columns();
}
