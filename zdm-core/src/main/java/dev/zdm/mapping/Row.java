package dev.zdm.mapping;

import dev.zdm.ZdmException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One row's values in the order of a {@link RowLayout}. Immutable and thread-safe, except that
 * {@code byte[]} values are shared rather than copied: do not modify them.
 *
 * <p>Two rows are equal when their layouts and values are equal, {@code byte[]} compared by content
 * and {@link java.math.BigDecimal} by {@code equals} (so {@code 12.340} differs from {@code 12.34}:
 * zdm carries scale exactly). {@link #toString()} shows column names only, never values, because
 * rows may hold personal data.
 */
public final class Row implements RowValues {

  private final RowLayout layout;
  private final Object[] values;

  private Row(RowLayout layout, Object[] values) {
    this.layout = layout;
    this.values = values;
  }

  /**
   * Creates a row.
   *
   * @param layout the column names
   * @param values one value per column, in layout order; {@code null} for SQL NULL. The array is
   *     copied.
   * @return the row
   * @throws ZdmException if the number of values differs from the number of columns
   */
  public static Row of(RowLayout layout, Object... values) {
    Objects.requireNonNull(layout, "layout");
    if (values.length != layout.size()) {
      throw new ZdmException(
          "a row of " + layout + " needs " + layout.size() + " values, got " + values.length);
    }
    return new Row(layout, values.clone());
  }

  /**
   * Returns the layout this row follows.
   *
   * @return the layout
   */
  public RowLayout layout() {
    return layout;
  }

  /**
   * Returns the value at a position.
   *
   * @param index a zero-based position in the layout
   * @return the value, or {@code null} for SQL NULL
   * @throws IndexOutOfBoundsException if there is no such position
   */
  public Object get(int index) {
    return values[index];
  }

  @Override
  public Object get(String column) {
    int index = layout.indexOf(column);
    if (index < 0) {
      throw new ZdmException("this row has no column '" + column + "'; it has " + layout);
    }
    return values[index];
  }

  @Override
  public List<String> columns() {
    return layout.columns();
  }

  /**
   * Returns the number of values.
   *
   * @return the number of columns in the layout
   */
  public int size() {
    return values.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Row row
        && layout.equals(row.layout)
        && Arrays.deepEquals(values, row.values);
  }

  @Override
  public int hashCode() {
    return 31 * layout.hashCode() + Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    return "Row" + layout;
  }
}
