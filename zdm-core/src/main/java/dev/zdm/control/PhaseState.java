package dev.zdm.control;

import dev.zdm.MigrationName;
import dev.zdm.Phase;
import java.util.Objects;

/**
 * A migration's phase and epoch as recorded in zdm's control table. The epoch rises by one with
 * every phase change, so of two readings the one with the higher epoch is the newer.
 *
 * @param migration the migration's name
 * @param phase the recorded phase
 * @param epoch the number of phase changes so far, starting at 0
 */
public record PhaseState(String migration, Phase phase, long epoch) {

  /** Checks the name, that the phase is present and that the epoch is not negative. */
  public PhaseState {
    MigrationName.require(migration);
    Objects.requireNonNull(phase, "phase");
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
    }
  }

  /**
   * Returns the side that takes application reads and writes in this state.
   *
   * @return the authoritative side, {@link Phase.Side#NONE} during the cutover
   */
  public Phase.Side authoritative() {
    return phase.authoritative();
  }

  /**
   * Tells whether this reading is newer than another of the same migration.
   *
   * @param other another reading
   * @return true when this epoch is higher
   */
  public boolean newerThan(PhaseState other) {
    return epoch > other.epoch;
  }
}
