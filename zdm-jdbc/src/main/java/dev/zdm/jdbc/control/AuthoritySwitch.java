package dev.zdm.jdbc.control;

import dev.zdm.Phase;
import dev.zdm.ZdmException;
import dev.zdm.control.CutoverAbandonedException;
import dev.zdm.control.PhaseState;
import dev.zdm.control.SwitchReport;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.jdbc.capture.CaptureDefinition;
import dev.zdm.jdbc.outbox.JdbcOutboxStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fenced switch of authority from one database to the other: cutover (source to target) and
 * rollback (target to source) are the same steps in opposite directions.
 *
 * <ol>
 *   <li>On the old side, in one transaction: take the fence exclusively, bounded by the lock
 *       timeout. Application writes hold it shared until they commit, so this waits exactly for the
 *       writes in flight, and holds back new ones. Then move the old side's control row to {@code
 *       CUTOVER} at epoch + 1 only if the epoch is still the one read (the instance that gets here
 *       first wins; the other finds the epoch changed).
 *   <li>Move the new side's row to {@code CUTOVER} and commit it: the data source now holds new
 *       transactions back, and the new side still refuses application writes.
 *   <li>Drain the old side's outbox to zero, raise the new side's key counters past the old side's,
 *       make sure the new side's triggers capture (for the way back).
 *   <li>Flip: the old side's row to the final phase at epoch + 2 and commit, which releases the
 *       fence. The writes that waited now read the new phase and are refused with the fence's
 *       SQLSTATE. Then the new side's row: from here it takes application writes.
 * </ol>
 *
 * <p>The old side is flipped first so that a failure between the two writes leaves no side taking
 * writes (readers see the higher epoch; {@link MigrationControl#recover()} repairs), never two.
 * When a step fails before the flip, both rows return to the old phase at epoch + 2 and the fence
 * is released: the switch is abandoned and nothing changed. Not thread-safe; {@link
 * MigrationControl} serialises its calls.
 */
final class AuthoritySwitch {

  private static final Logger log = LoggerFactory.getLogger(AuthoritySwitch.class);

  /** The work done under the fence between the two row writes. */
  interface UnderFence {
    /** Returns how many counters were raised. */
    int run(Phase.Side oldSide, Phase.Side newSide) throws SQLException;
  }

  private final JdbcPhaseStore store;
  private final Duration fenceTimeout;
  private final Duration drainTimeout;
  private final Clock clock;
  private final UnderFence underFence;
  private final Consumer<PhaseState> committed;

  AuthoritySwitch(
      JdbcPhaseStore store,
      Duration fenceTimeout,
      Duration drainTimeout,
      Clock clock,
      UnderFence underFence,
      Consumer<PhaseState> committed) {
    this.store = store;
    this.fenceTimeout = fenceTimeout;
    this.drainTimeout = drainTimeout;
    this.clock = clock;
    this.underFence = underFence;
    this.committed = committed;
  }

  SwitchReport run(PhaseState expected, Phase finalPhase) {
    String migration = store.migration();
    Phase.Side oldSide = expected.authoritative();
    Phase.Side newSide = oldSide == Phase.Side.SOURCE ? Phase.Side.TARGET : Phase.Side.SOURCE;
    ZdmDatabase oldDb = store.db(oldSide);
    ZdmDatabase newDb = store.db(newSide);
    long e = expected.epoch();
    PhaseState cutover = new PhaseState(migration, Phase.CUTOVER, e + 1);
    PhaseState done = new PhaseState(migration, finalPhase, e + 2);
    PhaseState back = new PhaseState(migration, expected.phase(), e + 2);
    Instant start = clock.instant();
    try (Connection fence = oldDb.dataSource().getConnection();
        Connection other = newDb.dataSource().getConnection()) {
      other.setAutoCommit(true);
      fence.setAutoCommit(false);
      try {
        takeFenceRetryingDeadlocks(fence, oldDb, e, cutover, expected, start);
      } catch (SQLException ex) {
        rollbackQuietly(fence);
        throw abandoned(
            "the fence on the "
                + JdbcPhaseStore.name(oldSide)
                + " was not granted within "
                + fenceTimeout.toMillis()
                + " ms ("
                + ex.getMessage()
                + "): write transactions stayed open longer; retry when they are shorter, or"
                + " raise fenceTimeout",
            expected,
            ex);
      }
      Instant fenced = clock.instant();
      long drained;
      int synced;
      try {
        if (!store.write(other, newDb, e, cutover, false)) {
          throw store.conflict(expected, store.read());
        }
        committed.accept(cutover);
        drained = drain(oldDb, migration);
        synced = underFence.run(oldSide, newSide);
      } catch (SQLException | RuntimeException ex) {
        restore(fence, other, oldDb, newDb, cutover, back);
        committed.accept(back);
        if (ex instanceof dev.zdm.control.PhaseConflictException conflict) {
          throw conflict;
        }
        throw abandoned(ex.getMessage(), expected, ex);
      }
      try {
        store.write(fence, oldDb, cutover.epoch(), done, true);
        fence.commit();
      } catch (SQLException ex) {
        rollbackQuietly(fence);
        restoreNewSide(other, newDb, back);
        throw abandoned("flipping the old side failed: " + ex.getMessage(), expected, ex);
      }
      flipNewSide(other, newDb, done);
      Instant end = clock.instant();
      committed.accept(done);
      return new SwitchReport(
          migration,
          expected.phase(),
          finalPhase,
          done.epoch(),
          Duration.between(start, fenced),
          Duration.between(start, end),
          Duration.between(start, end),
          drained,
          synced);
    } catch (SQLException ex) {
      throw new ZdmException(
          "migration '" + migration + "': the switch could not open its connections: " + ex, ex);
    }
  }

  /**
   * InnoDB breaks a wait cycle through the fence (a writer holding the shared lock waits for a row
   * another writer holds, which queues behind the switch's exclusive request) by failing one
   * transaction, often the switch's. Nothing was changed then, so the switch asks again until the
   * fence timeout is spent.
   */
  private void takeFenceRetryingDeadlocks(
      Connection fence,
      ZdmDatabase db,
      long epoch,
      PhaseState cutover,
      PhaseState expected,
      Instant start)
      throws SQLException {
    while (true) {
      try {
        takeFence(fence, db, epoch, cutover, expected);
        return;
      } catch (SQLException ex) {
        boolean deadlock = ex.getErrorCode() == 1213 || "40P01".equals(ex.getSQLState());
        if (!deadlock || clock.instant().isAfter(start.plus(fenceTimeout))) {
          throw ex;
        }
        rollbackQuietly(fence);
        log.info("{}: the fence request was a deadlock victim; asking again", store.migration());
      }
    }
  }

  /**
   * Takes the fence and claims the epoch, on a connection in a transaction. PostgreSQL: the
   * migration's advisory lock in exclusive mode, then the row. MariaDB and H2: the control row's
   * exclusive lock, which the triggers read in share mode.
   */
  private void takeFence(
      Connection fence, ZdmDatabase db, long epoch, PhaseState cutover, PhaseState expected)
      throws SQLException {
    long millis = Math.max(1, fenceTimeout.toMillis());
    switch (db.dialect().name()) {
      case "postgresql" -> {
        try (PreparedStatement timeout =
            fence.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
          timeout.setString(1, millis + "ms");
          timeout.execute();
        }
        try (PreparedStatement lock = fence.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          lock.setLong(1, fenceKey(fence, db));
          lock.execute();
        }
      }
      case "mariadb" -> {
        try (Statement statement = fence.createStatement()) {
          statement.execute(
              "SET SESSION innodb_lock_wait_timeout = " + Math.max(1, (millis + 999) / 1000));
        }
      }
      default -> {
        // H2: the row update below is the only fence.
      }
    }
    boolean claimed;
    try {
      claimed = store.write(fence, db, epoch, cutover, true);
    } finally {
      if (db.dialect().name().equals("mariadb")) {
        try (Statement statement = fence.createStatement()) {
          statement.execute("SET SESSION innodb_lock_wait_timeout = DEFAULT");
        }
      }
    }
    if (!claimed) {
      rollbackQuietly(fence);
      throw store.conflict(expected, store.read());
    }
  }

  private long fenceKey(Connection connection, ZdmDatabase db) throws SQLException {
    String schema = db.tables().schema().orElse(null);
    if (schema == null) {
      try (Statement statement = connection.createStatement();
          var row = statement.executeQuery(db.dialect().currentSchemaQuery())) {
        row.next();
        schema = row.getString(1);
      }
    }
    return CaptureDefinition.fenceLockKey(schema, db.tables(), store.migration());
  }

  private long drain(ZdmDatabase oldDb, String migration) throws SQLException {
    JdbcOutboxStore outbox = new JdbcOutboxStore(oldDb);
    long pending = outbox.backlog(migration).pending();
    Instant deadline = clock.instant().plus(drainTimeout);
    while (outbox.hasPending(migration)) {
      if (clock.instant().isAfter(deadline)) {
        throw new SQLException(
            "the outbox did not drain within "
                + drainTimeout.toMillis()
                + " ms ("
                + outbox.backlog(migration).pending()
                + " changes pending); make sure the relay of this direction is running");
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while draining the outbox", ie);
      }
    }
    return pending;
  }

  private void restore(
      Connection fence,
      Connection other,
      ZdmDatabase oldDb,
      ZdmDatabase newDb,
      PhaseState cutover,
      PhaseState back) {
    try {
      store.write(fence, oldDb, cutover.epoch(), back, true);
      fence.commit();
    } catch (SQLException ex) {
      // Rolling back leaves the old row at the old phase and epoch; the new row is set below.
      rollbackQuietly(fence);
    }
    restoreNewSide(other, newDb, back);
  }

  private void restoreNewSide(Connection other, ZdmDatabase newDb, PhaseState back) {
    try {
      store.write(other, newDb, back.epoch() - 2, back, false);
    } catch (SQLException ex) {
      log.error(
          "{}: could not return the new side's control row to {}: {}; run"
              + " MigrationControl.recover()",
          store.migration(),
          back.phase(),
          ex.getMessage());
    }
  }

  private void flipNewSide(Connection other, ZdmDatabase newDb, PhaseState done) {
    SQLException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        store.write(other, newDb, done.epoch() - 1, done, false);
        return;
      } catch (SQLException ex) {
        last = ex;
      }
    }
    throw new ZdmException(
        "migration '"
            + store.migration()
            + "': the old side now refuses application writes, but the new side's control row"
            + " could not be set to "
            + done.phase()
            + " ("
            + last.getMessage()
            + "); no side takes writes until MigrationControl.recover() runs",
        last);
  }

  private CutoverAbandonedException abandoned(String why, PhaseState stayed, Throwable cause) {
    return new CutoverAbandonedException(
        "migration '"
            + store.migration()
            + "': the switch from "
            + stayed.phase()
            + " was abandoned and the migration stays in "
            + stayed.phase()
            + ": "
            + why,
        cause);
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The connection is going away; its transaction ends with it.
    }
  }
}
