package dev.zdm.relay;

import dev.zdm.change.Change;
import dev.zdm.change.TableKey;
import java.time.Instant;
import java.util.List;

/**
 * Hears what the relay does. Methods are called on relay threads and must return quickly; a
 * listener that throws is logged and never stops the relay. All methods default to doing nothing.
 */
public interface RelayListener {

  /** A listener that does nothing. */
  RelayListener NONE = new RelayListener() {};

  /**
   * A batch was applied and removed from the outbox.
   *
   * @param migration the migration
   * @param changes the changes applied, in capture order
   * @param rows the distinct rows they coalesced into
   * @param appliedAt when the target committed
   */
  default void batchApplied(String migration, List<Change> changes, int rows, Instant appliedAt) {}

  /**
   * A row's changes were parked in the dead-letter table.
   *
   * @param migration the migration
   * @param row the row
   * @param changes how many changes were parked
   * @param error what failed, without row values
   */
  default void parked(String migration, TableKey row, int changes, String error) {}

  /**
   * The relay's circuit breaker changed state.
   *
   * @param migration the migration
   * @param from the old state, such as CLOSED
   * @param to the new state, such as OPEN
   */
  default void breakerStateChanged(String migration, String from, String to) {}
}
