package dev.zdm;

/** Thrown when a migration is asked to move between two phases the transition table forbids. */
public final class IllegalPhaseTransitionException extends ZdmException {

  private static final long serialVersionUID = 1L;

  private final transient Phase from;
  private final transient Phase to;

  /**
   * Creates the exception for one refused move.
   *
   * @param migration the migration's name
   * @param from the current phase
   * @param to the requested phase
   */
  public IllegalPhaseTransitionException(String migration, Phase from, Phase to) {
    super(
        "migration '"
            + migration
            + "': cannot move from "
            + from
            + " to "
            + to
            + "; from "
            + from
            + " the allowed next phases are "
            + from.allowedNext());
    this.from = from;
    this.to = to;
  }

  /**
   * Returns the phase the migration was in.
   *
   * @return the current phase
   */
  public Phase from() {
    return from;
  }

  /**
   * Returns the phase that was refused.
   *
   * @return the requested phase
   */
  public Phase to() {
    return to;
  }
}
