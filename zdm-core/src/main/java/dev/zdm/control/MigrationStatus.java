package dev.zdm.control;

import dev.zdm.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A migration's state as every instance sees it, with the figures the guards read.
 *
 * @param state the phase and epoch (the higher epoch of the two databases)
 * @param sourceState the control row of the source, empty when none is recorded
 * @param targetState the control row of the target, empty when none is recorded
 * @param guards every guard's current reading, for advancing to the next authority
 * @param outboxDepth changes pending in the outbox of the side that captures now
 * @param lag age of the oldest pending change there, empty when none is pending
 * @param deadLetters changes parked in dead letters there
 * @param instruments the figures of the instruments attached in this process (shadow reads, read
 *     canary, automatic rollback), in the order they were attached; empty when none is
 */
public record MigrationStatus(
    PhaseState state,
    Optional<PhaseState> sourceState,
    Optional<PhaseState> targetState,
    List<GuardCheck> guards,
    long outboxDepth,
    Optional<Duration> lag,
    long deadLetters,
    List<InstrumentReport> instruments) {

  /** Copies the lists. */
  public MigrationStatus {
    guards = List.copyOf(guards);
    instruments = List.copyOf(instruments);
  }

  /**
   * Returns the side that takes application reads and writes.
   *
   * @return the authoritative side, {@code NONE} during a switch
   */
  public Phase.Side authoritative() {
    return state.authoritative();
  }
}
