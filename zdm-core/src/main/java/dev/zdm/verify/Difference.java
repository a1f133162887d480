package dev.zdm.verify;

import dev.zdm.change.RowKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row that differs between the sides. Immutable.
 *
 * @param table the source table's name
 * @param key the row's primary key in source key order, as the outbox writes it
 * @param kind how it differs
 * @param columns the target columns whose values differ, for {@link Kind#DIFFERENT}; else empty
 * @param sourceValues the source's canonical values of those columns (for missing rows: every
 *     column); empty unless the user opted in to values in reports
 * @param targetValues the target's canonical values, likewise
 */
public record Difference(
    String table,
    RowKey key,
    Kind kind,
    List<String> columns,
    Map<String, String> sourceValues,
    Map<String, String> targetValues) {

  /** How a row differs. */
  public enum Kind {
    /** The source has the row and the target does not. */
    MISSING_ON_TARGET,
    /** The target has a row the source does not. */
    EXTRA_ON_TARGET,
    /** Both have the row; some columns' values differ. */
    DIFFERENT
  }

  /** Copies the lists and maps. */
  public Difference {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    columns = List.copyOf(columns);
    sourceValues =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sourceValues));
    targetValues =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targetValues));
  }

  /**
   * Returns the same difference without values, as reports show it unless values are opted in.
   *
   * @return a copy with empty value maps
   */
  public Difference redacted() {
    return new Difference(table, key, kind, columns, Map.of(), Map.of());
  }
}
