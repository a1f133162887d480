package dev.zdm.control;

/**
 * Hears what the phase machine does. Methods are called on the thread that made the change, after
 * it committed; a listener that throws is logged and never breaks the control. Implementations must
 * be thread-safe.
 */
public interface ControlListener {

  /** A listener that ignores everything. */
  ControlListener NOOP = new ControlListener() {};

  /**
   * Called after every committed phase change, including the two steps of a switch.
   *
   * @param change the change
   */
  default void phaseChanged(PhaseChange change) {}

  /**
   * Called after a fenced switch (cutover or rollback) completed.
   *
   * @param report its durations, write pause included
   */
  default void switched(SwitchReport report) {}

  /**
   * Called when a fenced switch gave up and the migration stayed in its phase.
   *
   * @param migration the migration's name
   * @param reason why, as in the exception's message
   */
  default void switchAbandoned(String migration, String reason) {}
}
