package dev.zdm.mapping;

import dev.zdm.ZdmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ordered column names shared by many {@link Row}s, with lookup by name. Built once per table
 * so that rows carry only their values. Immutable and thread-safe.
 */
public final class RowLayout {

  private final List<String> columns;
  private final Map<String, Integer> positions;

  private RowLayout(List<String> columns) {
    this.columns = List.copyOf(columns);
    this.positions = new HashMap<>();
    for (int i = 0; i < this.columns.size(); i++) {
      if (positions.put(this.columns.get(i), i) != null) {
        throw new ZdmException(
            "a row layout names column '" + this.columns.get(i) + "' twice: " + this.columns);
      }
    }
  }

  /**
   * Creates a layout.
   *
   * @param columns distinct column names, in order
   * @return the layout
   * @throws ZdmException if a name repeats
   * @throws NullPointerException if the list or a name is null
   */
  public static RowLayout of(List<String> columns) {
    return new RowLayout(Objects.requireNonNull(columns, "columns"));
  }

  /**
   * Returns the column names in order.
   *
   * @return an unmodifiable list
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * Returns the number of columns.
   *
   * @return the count
   */
  public int size() {
    return columns.size();
  }

  /**
   * Returns the position of a column.
   *
   * @param column a column name, matched exactly
   * @return its zero-based position, or -1 if the layout has no such column
   */
  public int indexOf(String column) {
    Integer position = positions.get(column);
    return position == null ? -1 : position;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RowLayout layout && columns.equals(layout.columns);
  }

  @Override
  public int hashCode() {
    return columns.hashCode();
  }

  @Override
  public String toString() {
    return columns.toString();
  }
}
