package dev.zdm.jdbc.control;

import dev.zdm.MigrationName;
import dev.zdm.Phase;
import dev.zdm.ZdmException;
import dev.zdm.control.PhaseConflictException;
import dev.zdm.control.PhaseReader;
import dev.zdm.control.PhaseState;
import dev.zdm.jdbc.ZdmDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phase and epoch of one migration in zdm's control table of both databases.
 *
 * <p>{@link #read()} returns the row with the higher epoch, so a change committed on one side and
 * not yet on the other reads as the newer. {@link #compareAndSet} changes both rows only if the
 * epoch is still the one read: the source row is written first and decides (an {@code UPDATE ...
 * WHERE epoch = expected}, so of two instances racing, the second finds the epoch changed and
 * loses), then the target row is brought to the same state. The fenced switch writes the rows
 * itself, on the connection that holds the fence, through the package's row methods.
 *
 * <p>Thread-safe; each call borrows connections from the data sources.
 */
public final class JdbcPhaseStore implements PhaseReader {

  private static final Logger log = LoggerFactory.getLogger(JdbcPhaseStore.class);

  private final String migration;
  private final ZdmDatabase source;
  private final ZdmDatabase target;

  /**
   * Creates the store.
   *
   * @param migration the migration's name
   * @param source the source database with zdm's tables
   * @param target the target database with zdm's tables
   */
  public JdbcPhaseStore(String migration, ZdmDatabase source, ZdmDatabase target) {
    this.migration = MigrationName.require(migration);
    this.source = source;
    this.target = target;
  }

  /**
   * Reads both control rows; the higher epoch wins. When one database cannot be read, the other's
   * row is the answer: routing by it is safe because the fence in the triggers, not the reading,
   * decides where writes commit, and it keeps the service running through an outage of the database
   * that is not authoritative.
   *
   * @return the newest state; {@code OFF}, epoch 0 when the migration is not recorded
   * @throws ZdmException when neither database can be read; the message names both failures
   */
  @Override
  public PhaseState read() {
    PhaseState s = null;
    PhaseState t = null;
    ZdmException sourceFailure = null;
    try {
      s = read(Phase.Side.SOURCE).orElse(null);
    } catch (ZdmException e) {
      sourceFailure = e;
    }
    try {
      t = read(Phase.Side.TARGET).orElse(null);
    } catch (ZdmException e) {
      if (sourceFailure != null) {
        e.addSuppressed(sourceFailure);
        throw new ZdmException(
            "migration '"
                + migration
                + "': the phase cannot be read from either database: "
                + sourceFailure.getMessage()
                + "; "
                + e.getMessage(),
            e);
      }
      log.warn("{}; using the source's row", e.getMessage());
    }
    if (sourceFailure != null) {
      log.warn("{}; using the target's row", sourceFailure.getMessage());
    }
    if (s == null && t == null) {
      return new PhaseState(migration, Phase.OFF, 0);
    }
    if (s == null) {
      return t;
    }
    if (t == null) {
      return s;
    }
    return t.newerThan(s) ? t : s;
  }

  /**
   * Reads one database's control row.
   *
   * @param side {@code SOURCE} or {@code TARGET}
   * @return the row's state, empty when the migration is not recorded there
   * @throws ZdmException when the database cannot be read
   */
  public Optional<PhaseState> read(Phase.Side side) {
    ZdmDatabase db = db(side);
    try (Connection connection = db.dataSource().getConnection()) {
      return read(connection, db);
    } catch (SQLException e) {
      throw failure("reading the phase in the " + name(side) + " database", e);
    }
  }

  /**
   * Records the migration as {@code OFF}, epoch 0, in each database that has no row for it yet.
   *
   * @throws ZdmException when a database refuses
   */
  public void ensureRecorded() {
    for (Phase.Side side : new Phase.Side[] {Phase.Side.SOURCE, Phase.Side.TARGET}) {
      ZdmDatabase db = db(side);
      try (Connection connection = db.dataSource().getConnection()) {
        connection.setAutoCommit(true);
        if (read(connection, db).isEmpty()) {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO " + control(db) + " (migration, phase, epoch) VALUES (?, ?, 0)")) {
            insert.setString(1, migration);
            insert.setString(2, Phase.OFF.name());
            insert.executeUpdate();
          } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
              throw e;
            }
            // Another instance recorded it first.
          }
        }
      } catch (SQLException e) {
        throw failure("recording the migration in the " + name(side) + " database", e);
      }
    }
  }

  /**
   * Moves the migration to {@code next} in both databases if its epoch is still {@code
   * expected.epoch()}; the new epoch is one higher. Checks the move against the transition table.
   *
   * @param expected the state the caller read
   * @param next the phase to move to
   * @return the new state
   * @throws dev.zdm.IllegalPhaseTransitionException if the table forbids the move
   * @throws PhaseConflictException if another instance changed the phase first
   * @throws ZdmException when a database refuses
   */
  public PhaseState compareAndSet(PhaseState expected, Phase next) {
    expected.phase().requireMoveTo(next, migration);
    ensureRecorded();
    PhaseState moved = new PhaseState(migration, next, expected.epoch() + 1);
    try (Connection s = source.dataSource().getConnection()) {
      s.setAutoCommit(true);
      if (!write(s, source, expected.epoch(), moved, true)) {
        throw conflict(expected, read());
      }
    } catch (SQLException e) {
      throw failure("writing the phase in the source database", e);
    }
    try (Connection t = target.dataSource().getConnection()) {
      t.setAutoCommit(true);
      write(t, target, expected.epoch(), moved, false);
    } catch (SQLException e) {
      throw failure(
          "writing the phase in the target database (the source already reads "
              + next
              + "; readers take the higher epoch, and the next change brings the target along)",
          e);
    }
    return moved;
  }

  String migration() {
    return migration;
  }

  ZdmDatabase db(Phase.Side side) {
    return side == Phase.Side.SOURCE ? source : target;
  }

  Optional<PhaseState> read(Connection connection, ZdmDatabase db) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT phase, epoch FROM " + control(db) + " WHERE migration = ?")) {
      query.setString(1, migration);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new PhaseState(migration, Phase.valueOf(row.getString(1)), row.getLong(2)));
      }
    }
  }

  /**
   * Writes one control row. As the deciding row ({@code exact}), only if its epoch is {@code
   * expectedEpoch}; otherwise if its epoch is lower than the new one, so a side left behind by a
   * failed write catches up.
   *
   * @return whether the row was changed
   */
  boolean write(
      Connection connection, ZdmDatabase db, long expectedEpoch, PhaseState next, boolean exact)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE "
                + control(db)
                + " SET phase = ?, epoch = ?, updated_at = CURRENT_TIMESTAMP WHERE migration = ?"
                + (exact ? " AND epoch = ?" : " AND epoch < ?"))) {
      update.setString(1, next.phase().name());
      update.setLong(2, next.epoch());
      update.setString(3, migration);
      update.setLong(4, exact ? expectedEpoch : next.epoch());
      return update.executeUpdate() == 1;
    }
  }

  PhaseConflictException conflict(PhaseState expected, PhaseState found) {
    return new PhaseConflictException(
        "migration '"
            + migration
            + "': the phase changed under this instance: expected "
            + expected.phase()
            + " at epoch "
            + expected.epoch()
            + ", found "
            + found.phase()
            + " at epoch "
            + found.epoch()
            + "; another instance moved it first. Read the status again and decide");
  }

  ZdmException failure(String what, SQLException e) {
    return new ZdmException(
        "migration '" + migration + "': " + what + " failed: " + e.getMessage(), e);
  }

  static String name(Phase.Side side) {
    return side == Phase.Side.SOURCE ? "source" : "target";
  }

  private static String control(ZdmDatabase db) {
    return db.tables().qualified(db.dialect(), db.tables().migrations());
  }
}
