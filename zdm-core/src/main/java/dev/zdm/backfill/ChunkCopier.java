package dev.zdm.backfill;

import dev.zdm.relay.LeaseStore.Lease;
import java.time.Duration;
import java.util.List;

/**
 * The database side of one table's backfill: plans its key ranges, reads checkpoints and copies one
 * chunk at a time. The JDBC implementation reads the chunk under a shared lock in a source
 * transaction, writes the rows and the new checkpoint in one target transaction, commits the target
 * and only then releases the source. Implementations are thread-safe.
 */
public interface ChunkCopier {

  /**
   * Returns the source table this copier copies.
   *
   * @return the table's name, as in checkpoints and metric tags
   */
  String table();

  /**
   * Returns the table's checkpoints, planning and storing its ranges first if no process has yet.
   * Planning is atomic: when several processes plan at once, one plan wins and all return it.
   *
   * @param ranges how many ranges to split the table into when planning
   * @return the checkpoints, in range order
   */
  List<Checkpoint> planOrLoad(int ranges);

  /**
   * Reads one range's checkpoint as stored now.
   *
   * @param rangeNo the range
   * @return the checkpoint
   */
  Checkpoint load(int rangeNo);

  /**
   * Copies the next chunk of a range: at most {@code limit} rows after the checkpoint's cursor, up
   * to the range's last key, and stores the new checkpoint with them.
   *
   * @param at the range's checkpoint as this process last stored or loaded it
   * @param limit the most rows to copy
   * @param lease the lease on the range; the write is refused if another process took it since
   * @return what was copied
   * @throws dev.zdm.relay.FencedOutException if another process holds the range now
   * @throws dev.zdm.ZdmException or another runtime exception if the chunk failed; nothing of it
   *     was committed
   */
  ChunkResult copy(Checkpoint at, int limit, Lease lease);

  /**
   * Estimates the table's rows, for percentages and ETAs.
   *
   * @return an estimate, 0 when unknown
   */
  long estimatedRows();

  /**
   * What one chunk did.
   *
   * @param checkpoint the range's checkpoint after the chunk, as committed
   * @param rows rows copied
   * @param lockTime how long the source locks were held
   */
  record ChunkResult(Checkpoint checkpoint, int rows, Duration lockTime) {
    /** Keeps the rows non-negative. */
    public ChunkResult {
      if (rows < 0) {
        throw new IllegalArgumentException("rows must be >= 0, was " + rows);
      }
    }
  }
}
