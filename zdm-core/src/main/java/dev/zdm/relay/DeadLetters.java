package dev.zdm.relay;

import dev.zdm.MigrationName;
import java.util.List;

/**
 * What an operator does with parked changes: list them, replay a row (the relay copies its current
 * state), or discard a row's dead letters. Thread-safe.
 */
public final class DeadLetters {

  private final String migration;
  private final DeadLetterStore store;

  /**
   * Creates the view of one migration's dead letters.
   *
   * @param migration the migration
   * @param store where they are kept
   */
  public DeadLetters(String migration, DeadLetterStore store) {
    this.migration = MigrationName.require(migration);
    this.store = store;
  }

  /**
   * Lists parked changes, oldest first.
   *
   * @param limit the most to return
   * @return the dead letters; keys are shown, row values are not stored here at all
   */
  public List<DeadLetter> list(int limit) {
    return store.list(migration, limit);
  }

  /**
   * Replays the row of a dead letter: its dead letters are removed and one change is enqueued, so
   * the relay copies the row's current state. Fix the cause first (a constraint, a mapping).
   *
   * @param id the id of any dead letter of the row
   * @return false if there is no such dead letter
   */
  public boolean replay(long id) {
    return store.replay(migration, id);
  }

  /**
   * Discards the row's dead letters; the target keeps what it has for the row until the row is
   * written again or repaired by verification.
   *
   * @param id the id of any dead letter of the row
   * @return false if there is no such dead letter
   */
  public boolean discard(long id) {
    return store.discard(migration, id);
  }
}
