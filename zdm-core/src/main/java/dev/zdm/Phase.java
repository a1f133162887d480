package dev.zdm;

import java.util.EnumSet;
import java.util.Set;

/**
 * The phases a migration goes through. Every instance of the service agrees on the phase because it
 * is stored in zdm's control table in both databases.
 *
 * <p>The legal moves form an explicit table, {@link #allowedNext()}; anything else is refused by
 * {@link #requireMoveTo(Phase, String)}.
 *
 * <p>Forward: {@code OFF -> DUAL_WRITE -> SHADOW -> CUTOVER -> TARGET_PRIMARY -> TARGET_ONLY}
 * ({@code SHADOW} is optional). {@code CUTOVER} is the only way authority changes hands: it ends in
 * {@code TARGET_PRIMARY}, or back in the phase it came from when the switch gives up. Rollback
 * leaves {@code TARGET_PRIMARY} through {@code CUTOVER} and ends in {@code DUAL_WRITE}.
 */
public enum Phase {
  /** Nothing is captured; the source is authoritative. */
  OFF(Side.SOURCE),
  /** The source is authoritative; changes replicate source to target; backfill and verify run. */
  DUAL_WRITE(Side.SOURCE),
  /** As {@link #DUAL_WRITE}, plus sampled shadow reads on the target and an optional canary. */
  SHADOW(Side.SOURCE),
  /** The fenced, transient switch of authority; app writes wait. */
  CUTOVER(Side.NONE),
  /**
   * The target is authoritative; changes replicate back to the source so rollback loses nothing.
   */
  TARGET_PRIMARY(Side.TARGET),
  /** The target is authoritative and replication has ended; the migration is complete. */
  TARGET_ONLY(Side.TARGET);

  /** Which database takes application reads and writes. */
  public enum Side {
    /** The database the service started on. */
    SOURCE,
    /** The database the service moves to. */
    TARGET,
    /** Neither: the fence is held during the switch. */
    NONE
  }

  private final Side authoritative;

  Phase(Side authoritative) {
    this.authoritative = authoritative;
  }

  /**
   * Returns the side that takes application reads and writes in this phase.
   *
   * @return the authoritative side, {@link Side#NONE} while the fence is held
   */
  public Side authoritative() {
    return authoritative;
  }

  /**
   * Returns the phases this phase may move to. The table is the single source of truth for
   * transitions; the phase machine and the guards consult it.
   *
   * @return an immutable set, empty for {@link #TARGET_ONLY}
   */
  public Set<Phase> allowedNext() {
    return switch (this) {
      case OFF -> EnumSet.of(DUAL_WRITE);
      case DUAL_WRITE -> EnumSet.of(OFF, SHADOW, CUTOVER);
      case SHADOW -> EnumSet.of(DUAL_WRITE, CUTOVER);
      // CUTOVER ends in the new authority, or back where it came from when the switch gives up.
      case CUTOVER -> EnumSet.of(DUAL_WRITE, SHADOW, TARGET_PRIMARY);
      case TARGET_PRIMARY -> EnumSet.of(CUTOVER, TARGET_ONLY);
      case TARGET_ONLY -> EnumSet.noneOf(Phase.class);
    };
  }

  /**
   * Tells whether moving from this phase to {@code next} is a legal transition.
   *
   * @param next the phase to move to
   * @return true if the transition table allows it
   */
  public boolean canMoveTo(Phase next) {
    return allowedNext().contains(next);
  }

  /**
   * Checks a transition against the table.
   *
   * @param next the phase to move to
   * @param migration the migration's name, for the message
   * @throws IllegalPhaseTransitionException if the move is not in the table
   */
  public void requireMoveTo(Phase next, String migration) {
    if (!canMoveTo(next)) {
      throw new IllegalPhaseTransitionException(migration, this, next);
    }
  }
}
