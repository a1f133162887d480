package dev.zdm.relay;

import dev.zdm.change.Change;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The outbox on the database that captures changes: what the relay claims, acknowledges and
 * measures. Implementations are thread-safe; each call is its own short transaction.
 */
public interface OutboxStore {

  /**
   * Returns the oldest pending changes of the given partitions, in capture order. Claiming does not
   * hide changes from anyone: partitions are leased, so only one worker reads each.
   *
   * @param migration the migration
   * @param partitions the partitions the caller holds leases on
   * @param limit the most changes to return
   * @return up to {@code limit} changes, oldest first
   */
  List<Change> claim(String migration, Set<Integer> partitions, int limit);

  /**
   * Deletes applied changes. Deleting an id that is already gone is not an error.
   *
   * @param migration the migration
   * @param ids the outbox ids of the changes
   */
  void acknowledge(String migration, Collection<Long> ids);

  /**
   * Measures the backlog.
   *
   * @param migration the migration
   * @return the number of pending changes and the capture time of the oldest
   */
  Backlog backlog(String migration);

  /**
   * Tells cheaply whether any change of the migration is pending, without counting them.
   *
   * @param migration the migration
   * @return true if at least one change waits
   */
  boolean hasPending(String migration);

  /**
   * Tells whether a change at or before an outbox position, in any partition, is still pending,
   * leaving out some changes (the caller's own).
   *
   * @param migration the migration
   * @param upTo the outbox position, inclusive
   * @param except the ids of changes not to count
   * @return true if such a change waits
   */
  boolean pendingUpTo(String migration, long upTo, Collection<Long> except);

  /**
   * Puts a change for one row into the outbox, as if a capture trigger had seen a write to it; the
   * relay then copies the row's current state. Used to replay dead letters and to repair
   * differences the verifier found.
   *
   * @param migration the migration
   * @param table the source table
   * @param keyText the key in the outbox's form
   * @param partition the partition the key hashes to
   */
  void enqueue(String migration, String table, String keyText, int partition);

  /**
   * The backlog of one migration.
   *
   * @param pending changes waiting to be applied
   * @param oldest when the oldest of them was captured, empty when there are none
   * @param now the database's current time, so that lag is measured on one clock
   */
  record Backlog(long pending, Optional<Instant> oldest, Instant now) {}
}
