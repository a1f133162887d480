package dev.zdm.spring.boot;

import dev.zdm.Phase;
import dev.zdm.control.MigrationStatus;
import dev.zdm.control.SwitchReport;
import dev.zdm.control.TransitionPlan;
import dev.zdm.jdbc.control.MigrationControl;
import dev.zdm.verify.VerificationReport;

/**
 * The operator's handle on the migration in this application, used by the Actuator endpoint and
 * open to the application's own code: moves the phase through {@link MigrationControl} (with its
 * guards), starts the backfill when the migration enters {@code DUAL_WRITE}, runs verifications.
 * Thread-safe.
 */
public final class ZdmMigration {

  private final MigrationControl control;
  private final ZdmRelays relays;
  private final ZdmBackfillRunner backfill;
  private final ZdmVerifier verifier;
  private final boolean autoStartBackfill;

  /**
   * Creates the handle.
   *
   * @param control the migration's control
   * @param relays the relays
   * @param backfill the backfill runner
   * @param verifier the verifier
   * @param autoStartBackfill whether entering DUAL_WRITE starts the backfill
   */
  public ZdmMigration(
      MigrationControl control,
      ZdmRelays relays,
      ZdmBackfillRunner backfill,
      ZdmVerifier verifier,
      boolean autoStartBackfill) {
    this.control = control;
    this.relays = relays;
    this.backfill = backfill;
    this.verifier = verifier;
    this.autoStartBackfill = autoStartBackfill;
  }

  /**
   * Returns the migration's control.
   *
   * @return the control
   */
  public MigrationControl control() {
    return control;
  }

  /**
   * Returns the relays.
   *
   * @return the relays
   */
  public ZdmRelays relays() {
    return relays;
  }

  /**
   * Returns the backfill runner.
   *
   * @return the runner
   */
  public ZdmBackfillRunner backfill() {
    return backfill;
  }

  /**
   * Returns the verifier.
   *
   * @return the verifier
   */
  public ZdmVerifier verifier() {
    return verifier;
  }

  /**
   * Reads the status: phase, guards, outbox, lag, dead letters, instruments.
   *
   * @return the status
   */
  public MigrationStatus status() {
    return control.status();
  }

  /**
   * Reports what advancing to a phase would do, without doing it.
   *
   * @param next the phase
   * @return the plan, with every guard's reading
   */
  public TransitionPlan plan(Phase next) {
    return control.planAdvance(next);
  }

  /**
   * Advances to a phase (see {@link MigrationControl#advance(Phase)}); entering {@code DUAL_WRITE}
   * from {@code OFF} starts the backfill when {@code zdm.backfill.auto-start} is on.
   *
   * @param next the phase
   * @return the phase after the move
   * @throws dev.zdm.IllegalPhaseTransitionException if the move is not allowed
   * @throws dev.zdm.control.GuardRefusedException naming each failed guard
   */
  public Phase advance(Phase next) {
    Phase from = control.phaseReader().read().phase();
    Phase now = control.advance(next).phase();
    if (from == Phase.OFF && now == Phase.DUAL_WRITE && autoStartBackfill) {
      backfill.begin();
    }
    return now;
  }

  /**
   * Cuts over to {@code TARGET_PRIMARY} through the fenced switch.
   *
   * @return the switch's report, with the write pause
   * @throws dev.zdm.control.GuardRefusedException naming each failed guard
   * @throws dev.zdm.control.CutoverAbandonedException if the switch gave up; nothing changed
   */
  public SwitchReport cutover() {
    return control.cutover();
  }

  /**
   * Moves back one step (from {@code TARGET_PRIMARY} the fenced switch back to {@code DUAL_WRITE}).
   *
   * @return the phase after the move
   * @throws dev.zdm.control.GuardRefusedException naming each failed guard
   */
  public Phase rollback() {
    return control.rollback().phase();
  }

  /**
   * Verifies now, in the direction replication runs.
   *
   * @return the report
   */
  public VerificationReport verify() {
    return verifier.run();
  }
}
