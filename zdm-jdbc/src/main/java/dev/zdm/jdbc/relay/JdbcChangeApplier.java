package dev.zdm.jdbc.relay;

import dev.zdm.ZdmException;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.jdbc.capture.CaptureSql;
import dev.zdm.jdbc.rows.FoundRows;
import dev.zdm.jdbc.rows.TablePair;
import dev.zdm.mapping.TableMapping;
import dev.zdm.relay.ApplyBatch;
import dev.zdm.relay.ApplyConflictException;
import dev.zdm.relay.ChangeApplier;
import dev.zdm.relay.FencedOutException;
import dev.zdm.relay.ReferencePendingException;
import dev.zdm.relay.TargetUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies relay batches from one database to the other: re-reads each row's current state from the
 * capturing side (one query per table), then in ONE transaction on the applying side raises the
 * batch's fences, deletes the rows that no longer exist (children first) and upserts the ones that
 * do (parents first), with zdm's writer mark so that capture there does not echo them.
 *
 * <p>Table pairs are read from both catalogs and checked on the first batch (or {@link #check()}),
 * so a mapping or type problem fails early with the table and column named. Thread-safe.
 */
public final class JdbcChangeApplier implements ChangeApplier {

  private static final String FENCE_PREFIX = "relay-apply:";

  private final String migration;
  private final ZdmDatabase from;
  private final ZdmDatabase to;
  private final List<TableMapping> mappings;
  private volatile Tables tables;

  /**
   * Creates an applier.
   *
   * @param migration the migration's name
   * @param from the capturing database, read at apply time
   * @param to the database the rows are written to; zdm's schema must be installed there
   * @param mappings one mapping per captured table
   */
  public JdbcChangeApplier(
      String migration, ZdmDatabase from, ZdmDatabase to, List<TableMapping> mappings) {
    this.migration = migration;
    this.from = from;
    this.to = to;
    this.mappings = List.copyOf(mappings);
  }

  /**
   * Reads both catalogs and checks every table pair now rather than at the first batch.
   *
   * @throws ZdmException naming the table and column that cannot be carried
   */
  public void check() {
    tables();
  }

  @Override
  public void apply(ApplyBatch batch) {
    Tables pairs = tables();
    Map<String, FoundRows> found = new LinkedHashMap<>();
    try (Connection source = from.dataSource().getConnection()) {
      for (Map.Entry<String, Set<RowKey>> rows : batch.rows().entrySet()) {
        TablePair pair = pairs.bySource.get(rows.getKey());
        if (pair == null) {
          throw new ZdmException(
              migration
                  + ": the outbox has changes of table "
                  + rows.getKey()
                  + ", which is captured but not configured for this relay; add its mapping"
                  + " or remove its capture");
        }
        found.put(rows.getKey(), pair.reader().read(source, rows.getValue()));
      }
    } catch (SQLException e) {
      throw failure("re-reading rows from the capturing database", e);
    }
    try (Connection target = to.dataSource().getConnection()) {
      write(target, batch, pairs, found);
    } catch (SQLException e) {
      throw failure("applying a batch", e);
    }
  }

  @Override
  public boolean reachable() {
    return answers(from) && answers(to);
  }

  private void write(
      Connection target, ApplyBatch batch, Tables pairs, Map<String, FoundRows> found)
      throws SQLException {
    CaptureSql capture = to.dialect().capture();
    boolean autoCommit = target.getAutoCommit();
    target.setAutoCommit(false);
    boolean sessionMark = false;
    try {
      if (!capture.markZdmTransaction(target)) {
        capture.markZdmWriter(target);
        sessionMark = true;
      }
      fence(target, batch.fences());
      for (int i = pairs.parentsFirst.size() - 1; i >= 0; i--) {
        String table = pairs.parentsFirst.get(i);
        FoundRows rows = found.get(table);
        if (rows != null) {
          pairs.bySource.get(table).writer().delete(target, rows.missingKeys());
        }
      }
      for (String table : pairs.parentsFirst) {
        FoundRows rows = found.get(table);
        if (rows != null) {
          pairs.bySource.get(table).writer().upsert(target, rows.rows());
        }
      }
      target.commit();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(target);
      throw e;
    } finally {
      if (sessionMark) {
        capture.unmarkZdmWriter(target);
      }
      target.setAutoCommit(autoCommit);
    }
  }

  /**
   * Raises each partition's fence row to this batch's token, refusing when a later holder of the
   * partition already raised it higher. The row stays locked until commit, so two workers never
   * write one partition's rows at once.
   */
  private void fence(Connection target, Map<Integer, Long> fences) throws SQLException {
    String leases = to.table(to.tables().leases());
    for (Map.Entry<Integer, Long> fence : fences.entrySet()) {
      String resource = FENCE_PREFIX + fence.getKey();
      long token = fence.getValue();
      try (PreparedStatement raise =
          target.prepareStatement(
              "UPDATE "
                  + leases
                  + " SET token = ? WHERE migration = ? AND resource = ? AND token <= ?")) {
        raise.setLong(1, token);
        raise.setString(2, migration);
        raise.setString(3, resource);
        raise.setLong(4, token);
        if (raise.executeUpdate() == 1) {
          continue;
        }
      }
      try (PreparedStatement current =
          target.prepareStatement(
              "SELECT token FROM " + leases + " WHERE migration = ? AND resource = ?")) {
        current.setString(1, migration);
        current.setString(2, resource);
        try (ResultSet row = current.executeQuery()) {
          if (row.next()) {
            throw new FencedOutException(
                migration
                    + ": partition "
                    + fence.getKey()
                    + " was taken by another worker (token "
                    + row.getLong(1)
                    + " > "
                    + token
                    + "); this batch is rolled back and left to it");
          }
        }
      }
      try (PreparedStatement insert =
          target.prepareStatement(
              "INSERT INTO "
                  + leases
                  + " (migration, resource, owner, token, expires_at_ms) VALUES (?, ?, ?, ?, 0)")) {
        insert.setString(1, migration);
        insert.setString(2, resource);
        insert.setString(3, "fence");
        insert.setLong(4, token);
        insert.executeUpdate();
      } catch (SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
          throw new FencedOutException(
              migration + ": another worker created the fence of partition " + fence.getKey());
        }
        throw e;
      }
    }
  }

  private Tables tables() {
    Tables current = tables;
    if (current == null) {
      synchronized (this) {
        if (tables == null) {
          tables = readTables();
        }
        current = tables;
      }
    }
    return current;
  }

  private Tables readTables() {
    try (Connection source = from.dataSource().getConnection();
        Connection target = to.dataSource().getConnection()) {
      Map<String, TablePair> bySource = new LinkedHashMap<>();
      Map<String, String> sourceByTarget = new LinkedHashMap<>();
      for (TableMapping mapping : mappings) {
        TablePair pair = TablePair.read(mapping, source, target);
        bySource.put(mapping.sourceTable(), pair);
        sourceByTarget.put(pair.target().table(), mapping.sourceTable());
      }
      List<String> targetOrder =
          TableOrder.parentsFirst(
              target,
              mappings.isEmpty() ? null : mappings.get(0).targetSchema().orElse(null),
              sourceByTarget.keySet());
      List<String> parentsFirst = new ArrayList<>();
      for (String targetTable : targetOrder) {
        parentsFirst.add(sourceByTarget.get(targetTable));
      }
      return new Tables(bySource, parentsFirst);
    } catch (SQLException e) {
      throw failure("reading the tables of both databases", e);
    }
  }

  private record Tables(Map<String, TablePair> bySource, List<String> parentsFirst) {}

  private static boolean answers(ZdmDatabase db) {
    try (Connection connection = db.dataSource().getConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // the connection is broken; the transaction dies with it
    }
  }

  private RuntimeException failure(String what, SQLException e) {
    String message = migration + ": " + what + " failed: " + SqlFailure.describe(e);
    if (SqlFailure.isOutage(e)) {
      return new TargetUnavailableException(message, e);
    }
    if (SqlFailure.isConflict(e)) {
      return new ApplyConflictException(message, e);
    }
    return SqlFailure.isForeignKeyViolation(e)
        ? new ReferencePendingException(message, e)
        : new ZdmException(message, e);
  }
}
