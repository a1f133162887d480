package dev.zdm.backfill;

import dev.zdm.change.RowKey;
import java.util.Optional;

/**
 * Where the copy of one key range stands, as stored in zdm's checkpoints table on the target: the
 * range's bounds, the last key copied, the rows copied so far and whether it is finished. The range
 * holds the keys {@code k} with {@code after < k <= last} ({@code after} absent: from the first
 * key). Immutable.
 *
 * @param table the source table
 * @param rangeNo the range's number within the table, from 0
 * @param after the exclusive lower bound, or null for the table's start
 * @param last the inclusive upper bound: the largest key of the range when the backfill was
 *     planned, or null only for an empty table's single, finished range
 * @param cursor the last key copied, or null before the first chunk
 * @param rowsCopied rows copied in this range so far
 * @param done whether the range is finished
 */
public record Checkpoint(
    String table,
    int rangeNo,
    RowKey after,
    RowKey last,
    RowKey cursor,
    long rowsCopied,
    boolean done) {

  /**
   * Returns the key the next chunk reads after: the cursor, or the range's lower bound before the
   * first chunk.
   *
   * @return the exclusive lower bound of the next chunk, empty for the table's start
   */
  public Optional<RowKey> resumeAfter() {
    return Optional.ofNullable(cursor != null ? cursor : after);
  }

  /**
   * Returns the lease resource of this range, {@code backfill:<table>:<rangeNo>}.
   *
   * @return the resource name
   */
  public String leaseResource() {
    return "backfill:" + table + ":" + rangeNo;
  }
}
