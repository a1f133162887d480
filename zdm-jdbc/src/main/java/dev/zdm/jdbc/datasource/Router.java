package dev.zdm.jdbc.datasource;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.zdm.Phase;
import dev.zdm.control.Fence;
import dev.zdm.control.PhaseState;
import dev.zdm.jdbc.shadow.ShadowReader;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every connection of one {@link DualWriteDataSource} shares: the two pools, the cached phase,
 * the routing decision, the wait for a cutover to end, and the meters, listener and observer.
 * Builds the retryable errors, so that their messages say the same everywhere. Thread-safe.
 */
final class Router {

  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  final String migration;
  private final DataSource source;
  private final DataSource target;
  final PhaseCache phases;
  private final Routing routing;
  final DataSourceMetrics metrics;
  private final DualWriteListener listener;
  final StatementObserver observer;
  private final long cutoverWaitNanos;
  private final long pollNanos;
  final Ticker ticker;
  // Set once by the builder before the data source is published (through its final field).
  ShadowReader shadow;

  Router(
      String migration,
      DataSource source,
      DataSource target,
      PhaseCache phases,
      Routing routing,
      DataSourceMetrics metrics,
      DualWriteListener listener,
      StatementObserver observer,
      Duration cutoverWait,
      Duration poll,
      Ticker ticker) {
    this.migration = migration;
    this.source = source;
    this.target = target;
    this.phases = phases;
    this.routing = routing;
    this.metrics = metrics;
    this.listener = listener;
    this.observer = observer;
    this.cutoverWaitNanos = cutoverWait.toNanos();
    this.pollNanos = poll.toNanos();
    this.ticker = ticker;
  }

  DataSource pool(Phase.Side side) {
    return side == Phase.Side.TARGET ? target : source;
  }

  /** The moment a transaction starting now stops waiting for a cutover. */
  long deadline() {
    return ticker.read() + cutoverWaitNanos;
  }

  /**
   * Picks the side for a transaction about to run its first statement; while the phase is {@code
   * CUTOVER}, waits for it to end until {@code deadline}.
   *
   * @param fresh read the phase now instead of trusting the cache (after a fence refusal)
   * @throws SQLTransientException when the cutover outlasts the deadline
   */
  Phase.Side sideFor(boolean readOnly, long deadline, boolean fresh) throws SQLException {
    PhaseState state = fresh ? phases.fresh() : phases.current();
    if (state.authoritative() == Phase.Side.NONE) {
      state = awaitCutover(deadline);
    }
    Phase.Side side = routing.route(state, readOnly);
    if (side == Phase.Side.NONE) {
      throw new IllegalStateException("routing chose no side in phase " + state.phase());
    }
    return side;
  }

  /** Whether {@code side} is authoritative in the cached phase. */
  boolean isAuthoritative(Phase.Side side) throws SQLException {
    return phases.current().authoritative() == side;
  }

  /** The error for a statement that is not a plain read, in a transaction the canary routed. */
  SQLException notARead() {
    return new SQLException(
        "migration '"
            + migration
            + "': this transaction is on a connection marked read-only and the read canary serves"
            + " it from the side that is not authoritative, where only plain reads (SELECT, WITH"
            + " without data changes, VALUES, SHOW) may run; this statement is not one. Roll back"
            + " and run it on a connection that is not marked read-only",
        "25006");
  }

  private PhaseState awaitCutover(long deadline) throws SQLException {
    long start = ticker.read();
    while (true) {
      PhaseState state = phases.fresh();
      long now = ticker.read();
      if (state.authoritative() != Phase.Side.NONE) {
        metrics.waited(now - start);
        tell(() -> listener.waitedForCutover(Duration.ofNanos(now - start), state, false));
        return state;
      }
      if (now - deadline >= 0) {
        metrics.waited(now - start);
        tell(() -> listener.waitedForCutover(Duration.ofNanos(now - start), state, true));
        throw new FencedTransactionException(
            describe(state)
                + ": the cutover is switching authority and did not finish within "
                + Duration.ofNanos(now - start).toMillis()
                + " ms; nothing of this transaction ran, retry it",
            null);
      }
      LockSupport.parkNanos(Math.min(pollNanos, deadline - now));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new FencedTransactionException(
            describe(state) + ": interrupted while waiting for the cutover to end; retry", null);
      }
    }
  }

  /** Counts a fence refusal, tells the listener, and forgets the cached phase. */
  void refused(Phase.Side side) {
    metrics.refused(side);
    phases.invalidate();
    tell(() -> listener.fenceRefused(side));
  }

  /** Waits one poll interval, for the control table to show a switch. */
  void pause() {
    LockSupport.parkNanos(pollNanos);
  }

  /** The retryable error for a fence refusal that zdm cannot hide from the application. */
  SQLTransientException retryable(Phase.Side refusedBy, String why, SQLException cause) {
    PhaseState state;
    try {
      state = phases.fresh();
    } catch (SQLException e) {
      cause.addSuppressed(e);
      state = null;
    }
    PhaseState known = state;
    tell(() -> listener.refusedInTransaction(refusedBy, known));
    String phase = known == null ? "migration '" + migration + "'" : describe(known);
    return new FencedTransactionException(
        phase
            + ": the fence on the "
            + side(refusedBy)
            + " refused a write because "
            + side(refusedBy)
            + " is no longer authoritative; "
            + why
            + ", so zdm cannot move it. Roll the transaction back and retry it: it will run on the"
            + " authoritative side",
        cause);
  }

  void rerouted(Phase.Side from, Phase.Side to) {
    metrics.rerouted(to);
    PhaseState state;
    try {
      state = phases.current();
    } catch (SQLException e) {
      return;
    }
    tell(() -> listener.rerouted(from, to, state));
  }

  void observe(Phase.Side side, String sql, long nanos, SQLException failure) {
    try {
      observer.executed(migration, side, sql, nanos, failure);
    } catch (RuntimeException e) {
      LOG.warn("{}: statement observer failed; ignored", migration, e);
    }
  }

  private void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("{}: data source listener failed; ignored", migration, e);
    }
  }

  private String describe(PhaseState state) {
    return "migration '"
        + migration
        + "' is in phase "
        + state.phase()
        + " (epoch "
        + state.epoch()
        + ")";
  }

  static String side(Phase.Side side) {
    return side == Phase.Side.TARGET ? "target" : "source";
  }

  /** Whether the error, or one chained to it, is the fence's refusal. */
  static boolean fenceRefused(SQLException error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < 8; depth++) {
      if (t instanceof SQLException sql) {
        if (Fence.refused(sql.getSQLState())) {
          return true;
        }
        SQLException next = sql.getNextException();
        t = next != null ? next : t.getCause();
      } else {
        t = t.getCause();
      }
    }
    return false;
  }
}
