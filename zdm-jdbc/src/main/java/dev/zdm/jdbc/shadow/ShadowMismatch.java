package dev.zdm.jdbc.shadow;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A difference between the source's and the target's result of one shadowed statement that
 * persisted when both sides were read again. It names the statement by its fingerprint (the SQL
 * with every literal replaced by {@code ?}) and the differing rows by their keys; it carries row
 * values only when {@link ShadowReads.Builder#includeValues(boolean)} is on. Immutable.
 *
 * @param migration the migration's name
 * @param fingerprint the statement's SQL without literals, whitespace normalised
 * @param kind what differs
 * @param sourceRows how many rows the source returned on the re-read
 * @param targetRows how many rows the target returned on the re-read
 * @param keyColumns the columns that identify a row in {@link RowDifference#key()}: the table's
 *     primary key when the result holds it, else the configured key columns, else empty (rows are
 *     named by their position, {@code #1} being the first)
 * @param rows the differing rows, at most {@link #MAX_ROWS}
 */
public record ShadowMismatch(
    String migration,
    String fingerprint,
    Kind kind,
    int sourceRows,
    int targetRows,
    List<String> keyColumns,
    List<RowDifference> rows) {

  /** The most differing rows one mismatch lists. */
  public static final int MAX_ROWS = 100;

  /** Copies the lists. */
  public ShadowMismatch {
    Objects.requireNonNull(migration, "migration");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(kind, "kind");
    keyColumns = List.copyOf(keyColumns);
    rows = List.copyOf(rows);
  }

  /** What differs between the two results. */
  public enum Kind {
    /** Rows are missing, extra or have different values. */
    ROWS,
    /** The same rows, in a different order, for a statement that orders its result. */
    ORDER,
    /** The results have different columns (count or names). */
    COLUMNS
  }

  /** How one row differs. */
  public enum Change {
    /** The source returned the row; the target did not. */
    MISSING_ON_TARGET,
    /** The target returned the row; the source did not. */
    EXTRA_ON_TARGET,
    /**
     * Both returned a row with this key, with different values in {@link RowDifference#columns}.
     */
    DIFFERENT,
    /** The row is at a different position. */
    MOVED
  }

  /**
   * One differing row.
   *
   * @param key the row's key, such as {@code id=42} or {@code (tenant=7, id=42)}, or its position
   *     such as {@code #3}
   * @param change how it differs
   * @param columns the names of the columns whose values differ (for {@link Change#DIFFERENT})
   * @param sourceValues the source row's values by column, only when values are included, else null
   * @param targetValues the target row's values by column, only when values are included, else null
   */
  public record RowDifference(
      String key,
      Change change,
      List<String> columns,
      Map<String, String> sourceValues,
      Map<String, String> targetValues) {

    /** Copies the column list. */
    public RowDifference {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(change, "change");
      columns = List.copyOf(columns);
    }
  }
}
