package dev.zdm.jdbc.verify;

import dev.zdm.ZdmException;
import dev.zdm.backfill.KeyRange;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.verify.VerifyProgressStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a verification's progress in zdm's checkpoints table on the source, the backfill's table,
 * under the table name {@code verify:<table>}: one row per planned range with its bounds as JSON
 * keys ({@code range_end} null for the open last range), {@code done} once the range was found
 * equal and {@code rows_copied} holding the rows compared in it. Thread-safe.
 */
public final class CheckpointProgress implements VerifyProgressStore {

  /** Prefix of the checkpoint rows' table names, so they never meet a backfill's. */
  public static final String PREFIX = "verify:";

  private final ZdmDatabase db;
  private final String migration;
  private final String checkpoints;

  /**
   * Creates the store.
   *
   * @param db the database holding zdm's schema (the source)
   * @param migration the migration
   */
  public CheckpointProgress(ZdmDatabase db, String migration) {
    this.db = db;
    this.migration = migration;
    this.checkpoints = db.table(db.tables().checkpoints());
  }

  @Override
  public List<KeyRange> ranges(String table) {
    List<KeyRange> ranges = new ArrayList<>();
    query(
        "SELECT range_no, range_start, range_end FROM "
            + checkpoints
            + " WHERE migration = ? AND table_name = ? ORDER BY range_no",
        table,
        row ->
            ranges.add(new KeyRange(row.getInt(1), key(row.getString(2)), key(row.getString(3)))));
    return ranges;
  }

  @Override
  public Map<Integer, Long> done(String table) {
    Map<Integer, Long> done = new HashMap<>();
    query(
        "SELECT range_no, rows_copied FROM "
            + checkpoints
            + " WHERE migration = ? AND table_name = ? AND done = ?",
        table,
        row -> done.put(row.getInt(1), row.getLong(2)));
    return done;
  }

  @Override
  public void save(String table, List<KeyRange> ranges) {
    try (Connection connection = db.dataSource().getConnection()) {
      boolean auto = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        delete(connection, table);
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO "
                    + checkpoints
                    + " (migration, table_name, range_no, range_start, range_end, rows_copied, done)"
                    + " VALUES (?, ?, ?, ?, ?, 0, ?)")) {
          for (KeyRange range : ranges) {
            insert.setString(1, migration);
            insert.setString(2, PREFIX + table);
            insert.setInt(3, range.rangeNo());
            setKey(insert, 4, range.after());
            setKey(insert, 5, range.last());
            insert.setBoolean(6, false);
            insert.addBatch();
          }
          insert.executeBatch();
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw failure("saving the planned ranges of " + table, e);
    }
  }

  @Override
  public void markDone(String table, int rangeNo, long rows) {
    try (Connection connection = db.dataSource().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE "
                    + checkpoints
                    + " SET done = ?, rows_copied = ? WHERE migration = ? AND table_name = ?"
                    + " AND range_no = ?")) {
      update.setBoolean(1, true);
      update.setLong(2, rows);
      update.setString(3, migration);
      update.setString(4, PREFIX + table);
      update.setInt(5, rangeNo);
      update.executeUpdate();
    } catch (SQLException e) {
      throw failure("recording a verified range of " + table, e);
    }
  }

  @Override
  public void clear() {
    try (Connection connection = db.dataSource().getConnection()) {
      delete(connection, null);
    } catch (SQLException e) {
      throw failure("clearing the verification's progress", e);
    }
  }

  private void delete(Connection connection, String table) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM "
                + checkpoints
                + " WHERE migration = ? AND table_name "
                + (table == null ? "LIKE ?" : "= ?"))) {
      delete.setString(1, migration);
      delete.setString(2, table == null ? PREFIX + "%" : PREFIX + table);
      delete.executeUpdate();
    }
  }

  private interface RowConsumer {
    void accept(ResultSet row) throws SQLException;
  }

  private void query(String sql, String table, RowConsumer consumer) {
    try (Connection connection = db.dataSource().getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, migration);
      select.setString(2, PREFIX + table);
      if (sql.endsWith("done = ?")) {
        select.setBoolean(3, true);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          consumer.accept(rows);
        }
      }
    } catch (SQLException e) {
      throw failure("reading the verification's progress of " + table, e);
    }
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

  private ZdmException failure(String what, SQLException e) {
    return new ZdmException(
        migration + ": " + what + " failed (SQLState " + e.getSQLState() + "): " + e.getMessage(),
        e);
  }
}
