package dev.zdm.verify;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a verification found in one table. Immutable.
 *
 * @param table the source table
 * @param targetTable the target table
 * @param rowsCompared the source rows compared (in ranges a resumed run had already found equal
 *     too)
 * @param chunks the chunks compared
 * @param chunksMismatched the chunks whose count or digest differed at first
 * @param duration the time the table's chunks took, summed over workers
 * @param differences the differences that persisted, in key order within each kind
 */
public record TableReport(
    String table,
    String targetTable,
    long rowsCompared,
    long chunks,
    long chunksMismatched,
    Duration duration,
    List<Difference> differences) {

  /** Copies the list. */
  public TableReport {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(targetTable, "targetTable");
    Objects.requireNonNull(duration, "duration");
    differences = List.copyOf(differences);
  }

  /**
   * Counts the differences of one kind.
   *
   * @param kind the kind
   * @return how many
   */
  public long count(Difference.Kind kind) {
    return differences.stream().filter(d -> d.kind() == kind).count();
  }
}
