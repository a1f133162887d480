package dev.zdm.jdbc.datasource;

import dev.zdm.Phase;
import dev.zdm.control.PhaseState;
import java.time.Duration;

/**
 * Hears what a {@link DualWriteDataSource} does about the fence and the cutover. Every method has
 * an empty default; override the ones you need.
 *
 * <p>Called on the application's thread: implementations must be fast and thread-safe. An exception
 * thrown by a listener is logged and never breaks the data source.
 */
public interface DualWriteListener {

  /** Hears nothing. */
  DualWriteListener NONE = new DualWriteListener() {};

  /**
   * A transaction whose first statement the fence refused was moved to the other side and its
   * statement run again there; the application saw no error.
   *
   * @param from the side that refused
   * @param to the side the transaction now runs on
   * @param phase the phase read after the refusal
   */
  default void rerouted(Phase.Side from, Phase.Side to, PhaseState phase) {}

  /**
   * The fence refused a statement that could not be moved, because the transaction had already run
   * statements; the application got a retryable {@link java.sql.SQLTransientException}.
   *
   * @param side the side that refused
   * @param phase the phase read after the refusal
   */
  default void refusedInTransaction(Phase.Side side, PhaseState phase) {}

  /**
   * A new transaction waited for the cutover to end.
   *
   * @param waited how long it waited
   * @param phase the phase it then ran in, or the {@code CUTOVER} phase it gave up in
   * @param timedOut true when it gave up and the application got a retryable error
   */
  default void waitedForCutover(Duration waited, PhaseState phase, boolean timedOut) {}

  /**
   * The fence on {@code side} refused a statement of this data source. Called once for every
   * refusal counted in {@code zdm.datasource.fence.refusals}, before the statement is moved ({@link
   * #rerouted}) or the application gets the retryable error ({@link #refusedInTransaction}).
   *
   * @param side the side that refused
   */
  default void fenceRefused(Phase.Side side) {}

  /**
   * A listener that runs {@code counter} for every fence refusal, to report refusals to the
   * migration's control: {@code
   * .listener(DualWriteListener.countingRefusals(control::recordFenceRefusal))} feeds its {@code
   * zdm.fence.refusals} meter.
   *
   * @param counter called on the application's thread for each refusal; must be fast and
   *     thread-safe
   * @return the listener
   * @throws NullPointerException if {@code counter} is null
   */
  static DualWriteListener countingRefusals(Runnable counter) {
    java.util.Objects.requireNonNull(counter, "counter");
    return new DualWriteListener() {
      @Override
      public void fenceRefused(Phase.Side side) {
        counter.run();
      }
    };
  }
}
