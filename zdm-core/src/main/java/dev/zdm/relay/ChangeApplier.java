package dev.zdm.relay;

/**
 * Applies rows to the other database: for every row of a batch it re-reads the row's current state
 * on the authoritative side and, in ONE target transaction, upserts the rows that exist and deletes
 * the ones that no longer do, after checking the batch's fencing tokens. Implementations are
 * thread-safe.
 */
public interface ChangeApplier {

  /**
   * Applies one batch; all of it or nothing.
   *
   * @param batch the rows, and the fencing tokens of the partitions they come from
   * @throws TargetUnavailableException when a database cannot be reached; nothing is wrong with the
   *     rows
   * @throws FencedOutException when another worker has taken one of the partitions since
   * @throws ReferencePendingException when the other database refuses on a foreign key (a parent
   *     not there yet, a parent deleted while a child remains); the relay waits for the other
   *     partitions before it counts that as a failure of the row
   * @throws ApplyConflictException when the other database rolled the batch back as a deadlock or
   *     serialization victim or after a lock wait timeout; retried, never a reason to park a row
   * @throws RuntimeException for anything else, such as a constraint the target refuses
   */
  void apply(ApplyBatch batch);

  /**
   * Checks that both databases answer, to tell an outage from a bad row.
   *
   * @return true if both answer
   */
  boolean reachable();
}
