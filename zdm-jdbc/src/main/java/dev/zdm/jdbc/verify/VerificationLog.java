package dev.zdm.jdbc.verify;

import dev.zdm.ZdmException;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.verify.VerificationReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes one row per verification run into zdm's verifications table, the record the phase guards
 * read. At start: {@code outcome = 'running'}, {@code started_at_ms}. At the end: {@code outcome}
 * ({@code clean}, {@code differences} or {@code failed}), {@code finished_at_ms}, {@code
 * tables_compared}, {@code rows_compared}, {@code differences} (rows that differ) and {@code
 * report} (the JSON report without row values). Times are epoch milliseconds. Thread-safe.
 */
public final class VerificationLog {

  private final ZdmDatabase db;
  private final String verifications;

  /**
   * Creates the log.
   *
   * @param db the database holding the migration's control row first (the source)
   */
  public VerificationLog(ZdmDatabase db) {
    this.db = db;
    this.verifications = db.table(db.tables().verifications());
  }

  /**
   * Records a run's start.
   *
   * @param migration the migration
   * @param startedAtMs the start, epoch milliseconds
   * @return the run's id
   * @throws ZdmException if the row cannot be written
   */
  public long started(String migration, long startedAtMs) {
    try (Connection connection = db.dataSource().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO "
                    + verifications
                    + " (migration, outcome, started_at_ms) VALUES (?, 'running', ?)",
                new String[] {"id"})) {
      insert.setString(1, migration);
      insert.setLong(2, startedAtMs);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw failure(migration, "recording the start of a verification", e);
    }
  }

  /**
   * Records a run's end.
   *
   * @param id the run's id
   * @param report its report; written without row values
   * @throws ZdmException if the row cannot be written
   */
  public void finished(long id, VerificationReport report) {
    try (Connection connection = db.dataSource().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE "
                    + verifications
                    + " SET outcome = ?, finished_at_ms = ?, tables_compared = ?,"
                    + " rows_compared = ?, differences = ?, report = ? WHERE id = ?")) {
      update.setString(1, report.outcome().code());
      update.setLong(2, report.finishedAt().toEpochMilli());
      update.setInt(3, report.tables().size());
      update.setLong(4, report.rowsCompared());
      update.setLong(5, report.differenceCount());
      update.setString(6, report.redacted().toJson());
      update.setLong(7, id);
      update.executeUpdate();
    } catch (SQLException e) {
      throw failure(report.migration(), "recording the end of a verification", e);
    }
  }

  private static ZdmException failure(String migration, String what, SQLException e) {
    return new ZdmException(
        migration + ": " + what + " failed (SQLState " + e.getSQLState() + "): " + e.getMessage(),
        e);
  }
}
