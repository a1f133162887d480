package dev.zdm.jdbc.backfill;

import dev.zdm.backfill.Checkpoint;
import dev.zdm.backfill.KeyRange;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.ZdmDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of zdm's checkpoints table for backfills: one row per table and key range, keys as {@link
 * RowKey#toJson()} text. Every method runs on the caller's connection and transaction, so that a
 * chunk's checkpoint commits with its rows. Immutable and thread-safe.
 */
final class CheckpointTable {

  private static final String COLUMNS =
      "range_no, range_start, range_end, cursor_key, rows_copied, done";

  private final String migration;
  private final String table;
  private final String checkpoints;

  CheckpointTable(String migration, String table, ZdmDatabase target) {
    this.migration = migration;
    this.table = table;
    this.checkpoints = target.table(target.tables().checkpoints());
  }

  /** Plans a table's ranges when asked to. */
  interface Planner {
    List<KeyRange> plan() throws SQLException;
  }

  /**
   * Returns the table's checkpoints, planning and storing them first if none are stored. When two
   * processes plan at once, the second one's insert fails on the primary key and it loads the
   * winner's plan.
   */
  List<Checkpoint> planOrLoad(Connection connection, Planner planner) throws SQLException {
    List<Checkpoint> existing = load(connection);
    if (!existing.isEmpty()) {
      return existing;
    }
    List<KeyRange> plan = planner.plan();
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      insertPlan(connection, plan);
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
        throw e;
      }
      // Another process planned at the same moment; its plan stands.
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return load(connection);
  }

  void insertPlan(Connection connection, List<KeyRange> ranges) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO "
                + checkpoints
                + " (migration, table_name, "
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, NULL, 0, ?)")) {
      for (KeyRange range : ranges) {
        insert.setString(1, migration);
        insert.setString(2, table);
        insert.setInt(3, range.rangeNo());
        setKey(insert, 4, range.after());
        setKey(insert, 5, range.last());
        insert.setBoolean(6, range.last() == null); // an empty table has nothing to copy
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  List<Checkpoint> load(Connection connection) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM "
                + checkpoints
                + " WHERE migration = ? AND table_name = ? ORDER BY range_no")) {
      select.setString(1, migration);
      select.setString(2, table);
      List<Checkpoint> found = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(checkpoint(rows));
        }
      }
      return found;
    }
  }

  Checkpoint load(Connection connection, int rangeNo) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM "
                + checkpoints
                + " WHERE migration = ? AND table_name = ? AND range_no = ?")) {
      select.setString(1, migration);
      select.setString(2, table);
      select.setInt(3, rangeNo);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new dev.zdm.ZdmException(
              migration
                  + ": the checkpoint of table "
                  + table
                  + " range "
                  + rangeNo
                  + " is gone; was zdm's checkpoints table emptied while the backfill ran?");
        }
        return checkpoint(row);
      }
    }
  }

  void advance(Connection connection, Checkpoint next, int rows) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE "
                + checkpoints
                + " SET cursor_key = ?, rows_copied = rows_copied + ?, done = ?,"
                + " updated_at = CURRENT_TIMESTAMP"
                + " WHERE migration = ? AND table_name = ? AND range_no = ?")) {
      setKey(update, 1, next.cursor());
      update.setLong(2, rows);
      update.setBoolean(3, next.done());
      update.setString(4, migration);
      update.setString(5, table);
      update.setInt(6, next.rangeNo());
      update.executeUpdate();
    }
  }

  private Checkpoint checkpoint(ResultSet row) throws SQLException {
    return new Checkpoint(
        table,
        row.getInt(1),
        key(row.getString(2)),
        key(row.getString(3)),
        key(row.getString(4)),
        row.getLong(5),
        row.getBoolean(6));
  }

  private static RowKey key(String json) {
    return json == null ? null : RowKey.parseJson(json);
  }

  private static void setKey(PreparedStatement statement, int index, RowKey key)
      throws SQLException {
    if (key == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, key.toJson());
    }
  }
}
