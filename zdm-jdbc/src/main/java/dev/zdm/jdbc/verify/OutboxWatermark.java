package dev.zdm.jdbc.verify;

import dev.zdm.ZdmException;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.verify.RelayWatermark;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The relay's progress read from the source's outbox: a mark is the largest change id now, and it
 * is passed once no change of the migration with an id up to it is left (the relay deletes the
 * changes it applied, and moves those it gives up on to the dead letters). Thread-safe.
 */
public final class OutboxWatermark implements RelayWatermark {

  private final ZdmDatabase source;
  private final String migration;
  private final String changes;

  /**
   * Creates the watermark.
   *
   * @param source the capturing database, with zdm's schema installed
   * @param migration the migration
   */
  public OutboxWatermark(ZdmDatabase source, String migration) {
    this.source = source;
    this.migration = migration;
    this.changes = source.table(source.tables().changes());
  }

  @Override
  public long mark() {
    try (Connection connection = source.dataSource().getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM " + changes);
        ResultSet row = query.executeQuery()) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public boolean passed(long mark) {
    try (Connection connection = source.dataSource().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT 1 FROM " + changes + " WHERE migration = ? AND id <= ? LIMIT 1")) {
      query.setString(1, migration);
      query.setLong(2, mark);
      try (ResultSet row = query.executeQuery()) {
        return !row.next();
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private ZdmException failure(SQLException e) {
    return new ZdmException(
        migration
            + ": reading the outbox's progress failed (SQLState "
            + e.getSQLState()
            + "): "
            + e.getMessage(),
        e);
  }
}
