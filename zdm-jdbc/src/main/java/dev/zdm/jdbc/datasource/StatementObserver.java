package dev.zdm.jdbc.datasource;

import dev.zdm.Phase;
import java.sql.SQLException;
import java.util.List;

/**
 * Sees every statement a {@link DualWriteDataSource} runs, after it ran: on which side, how long it
 * took and whether it failed. The seam for features that watch the traffic (an automatic rollback
 * policy watching the target's errors and latency, shadow-read comparison).
 *
 * <p>Called on the application's thread, so an implementation must be fast and thread-safe; an
 * exception it throws is logged and never reaches the application.
 */
public interface StatementObserver {

  /** Observes nothing. */
  StatementObserver NONE = new StatementObserver() {};

  /**
   * Called after a statement ran.
   *
   * @param migration the migration's name
   * @param side the database the statement ran on
   * @param sql the statement's SQL, null for a batch of plain statements; may hold literal values,
   *     so do not log it by default
   * @param nanos how long the execution took
   * @param failure the error it failed with, null when it succeeded
   */
  default void executed(
      String migration, Phase.Side side, String sql, long nanos, SQLException failure) {}

  /**
   * Combines observers: each sees every statement, in the order given, and one that throws is
   * logged (with the migration's name, never the SQL) and does not keep the others from seeing it.
   * Thread-safe when the observers are.
   *
   * @param observers the observers; none gives {@link #NONE}, one is returned as is
   * @return the combined observer
   * @throws NullPointerException if an observer is null
   */
  static StatementObserver all(List<? extends StatementObserver> observers) {
    List<StatementObserver> list = List.copyOf(observers);
    if (list.isEmpty()) {
      return NONE;
    }
    return list.size() == 1 ? list.get(0) : new StatementObservers(list);
  }

  /**
   * Combines observers; see {@link #all(List)}.
   *
   * @param observers the observers
   * @return the combined observer
   * @throws NullPointerException if an observer is null
   */
  static StatementObserver all(StatementObserver... observers) {
    return all(List.of(observers));
  }
}
