package dev.zdm.relay;

import dev.zdm.change.Change;
import dev.zdm.change.TableKey;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Changes the relay parked because applying them kept failing, kept on the capturing database. Once
 * a row is parked, its later changes park behind it, so that the order of its changes is kept;
 * replaying the row delivers its current state. Implementations are thread-safe.
 */
public interface DeadLetterStore {

  /**
   * Parks changes of one row and removes them from the outbox, in one transaction.
   *
   * @param migration the migration
   * @param changes the row's changes
   * @param error what failed, without row values
   * @param attempts how many times applying was tried
   */
  void park(String migration, List<Change> changes, String error, int attempts);

  /**
   * Returns which of the given rows are parked.
   *
   * @param migration the migration
   * @param changes changes about to be applied
   * @return the rows among them that are parked
   */
  Set<TableKey> parkedAmong(String migration, Collection<Change> changes);

  /**
   * Lists parked changes, oldest first.
   *
   * @param migration the migration
   * @param limit the most to return
   * @return the dead letters
   */
  List<DeadLetter> list(String migration, int limit);

  /**
   * Un-parks a row: removes all its dead letters and enqueues one change for it, in one
   * transaction, so the relay copies the row's current state.
   *
   * @param migration the migration
   * @param id the id of any dead letter of the row
   * @return true if there was such a dead letter
   */
  boolean replay(String migration, long id);

  /**
   * Drops a row's dead letters without applying them. The target keeps whatever it had for the row
   * until the row is written again.
   *
   * @param migration the migration
   * @param id the id of any dead letter of the row
   * @return true if there was such a dead letter
   */
  boolean discard(String migration, long id);
}
