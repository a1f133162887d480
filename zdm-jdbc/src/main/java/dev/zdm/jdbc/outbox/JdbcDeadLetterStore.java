package dev.zdm.jdbc.outbox;

import dev.zdm.change.Change;
import dev.zdm.change.ChangeOp;
import dev.zdm.change.TableKey;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.relay.DeadLetter;
import dev.zdm.relay.DeadLetterStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dead letters in zdm's {@code <prefix>dead_letters} table, next to the outbox on the capturing
 * database, so that parking a change and removing it from the outbox is one transaction.
 * Thread-safe.
 */
public final class JdbcDeadLetterStore implements DeadLetterStore {

  private final ZdmDatabase db;
  private final String deadLetters;
  private final String changes;

  /**
   * Creates the store.
   *
   * @param db the capturing database, with zdm's schema installed
   */
  public JdbcDeadLetterStore(ZdmDatabase db) {
    this.db = db;
    this.deadLetters = db.table(db.tables().deadLetters());
    this.changes = db.table(db.tables().changes());
  }

  @Override
  public void park(String migration, List<Change> parked, String error, int attempts) {
    if (parked.isEmpty()) {
      return;
    }
    inTransaction(
        migration,
        "parking changes of table " + parked.get(0).table(),
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO "
                      + deadLetters
                      + " (migration, table_name, pk, op, partition_no, error, attempts,"
                      + " first_failed_at, last_failed_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
            for (Change change : parked) {
              insert.setString(1, migration);
              insert.setString(2, change.table());
              insert.setString(3, change.keyText());
              insert.setString(4, String.valueOf(change.op().code()));
              insert.setInt(5, change.partition());
              insert.setString(6, error);
              insert.setInt(7, attempts);
              insert.addBatch();
            }
            insert.executeBatch();
          }
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM "
                      + changes
                      + " WHERE id IN ("
                      + JdbcOutboxStore.placeholders(parked.size())
                      + ")")) {
            int i = 1;
            for (Change change : parked) {
              delete.setLong(i++, change.id());
            }
            delete.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Set<TableKey> parkedAmong(String migration, Collection<Change> candidates) {
    Map<String, Map<String, TableKey>> byTable = new LinkedHashMap<>();
    for (Change change : candidates) {
      byTable
          .computeIfAbsent(change.table(), t -> new LinkedHashMap<>())
          .put(change.keyText(), change.row());
    }
    Set<TableKey> parked = new HashSet<>();
    try (Connection connection = db.dataSource().getConnection()) {
      if (!anyParked(connection, migration)) {
        return parked;
      }
      for (Map.Entry<String, Map<String, TableKey>> table : byTable.entrySet()) {
        List<String> keys = new ArrayList<>(table.getValue().keySet());
        for (int from = 0; from < keys.size(); from += 500) {
          List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT DISTINCT pk FROM "
                      + deadLetters
                      + " WHERE migration = ? AND table_name = ? AND pk IN ("
                      + JdbcOutboxStore.placeholders(chunk.size())
                      + ")")) {
            select.setString(1, migration);
            select.setString(2, table.getKey());
            int i = 3;
            for (String key : chunk) {
              select.setString(i++, key);
            }
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                parked.add(table.getValue().get(rows.getString(1)));
              }
            }
          }
        }
      }
      return parked;
    } catch (SQLException e) {
      throw JdbcOutboxStore.failure(migration, "reading dead letters", e);
    }
  }

  @Override
  public List<DeadLetter> list(String migration, int limit) {
    String sql =
        "SELECT id, table_name, pk, op, error, attempts, "
            + db.dialect().epochSeconds("first_failed_at")
            + ", "
            + db.dialect().epochSeconds("last_failed_at")
            + " FROM "
            + deadLetters
            + " WHERE migration = ? ORDER BY id LIMIT ?";
    try (Connection connection = db.dataSource().getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, migration);
      select.setInt(2, limit);
      List<DeadLetter> letters = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          letters.add(
              new DeadLetter(
                  rows.getLong(1),
                  rows.getString(2),
                  rows.getString(3),
                  ChangeOp.ofCode(rows.getString(4)),
                  rows.getString(5),
                  rows.getInt(6),
                  JdbcOutboxStore.instant(rows.getBigDecimal(7)),
                  JdbcOutboxStore.instant(rows.getBigDecimal(8))));
        }
      }
      return letters;
    } catch (SQLException e) {
      throw JdbcOutboxStore.failure(migration, "listing dead letters", e);
    }
  }

  @Override
  public boolean replay(String migration, long id) {
    return inTransaction(
        migration,
        "replaying dead letter " + id,
        connection -> {
          Optional<ParkedRow> row = find(connection, migration, id);
          if (row.isEmpty()) {
            return false;
          }
          deleteRow(connection, migration, row.get());
          JdbcOutboxStore.insertChange(
              connection,
              changes,
              migration,
              row.get().table,
              row.get().keyText,
              row.get().partition);
          return true;
        });
  }

  @Override
  public boolean discard(String migration, long id) {
    return inTransaction(
        migration,
        "discarding dead letter " + id,
        connection -> {
          Optional<ParkedRow> row = find(connection, migration, id);
          row.ifPresent(r -> deleteRow(connection, migration, r));
          return row.isPresent();
        });
  }

  private boolean anyParked(Connection connection, String migration) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT 1 FROM " + deadLetters + " WHERE migration = ? LIMIT 1")) {
      select.setString(1, migration);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  private record ParkedRow(String table, String keyText, int partition) {}

  private Optional<ParkedRow> find(Connection connection, String migration, long id)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT table_name, pk, partition_no FROM "
                + deadLetters
                + " WHERE migration = ? AND id = ?")) {
      select.setString(1, migration);
      select.setLong(2, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(new ParkedRow(row.getString(1), row.getString(2), row.getInt(3)))
            : Optional.empty();
      }
    }
  }

  private void deleteRow(Connection connection, String migration, ParkedRow row) {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM " + deadLetters + " WHERE migration = ? AND table_name = ? AND pk = ?")) {
      delete.setString(1, migration);
      delete.setString(2, row.table);
      delete.setString(3, row.keyText);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw JdbcOutboxStore.failure(migration, "removing dead letters of table " + row.table, e);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T inTransaction(String migration, String what, Work<T> work) {
    try (Connection connection = db.dataSource().getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      int isolation = JdbcOutboxStore.readCommitted(connection);
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
        connection.setTransactionIsolation(isolation);
      }
    } catch (SQLException e) {
      throw JdbcOutboxStore.failure(migration, what, e);
    }
  }
}
