package dev.zdm.jdbc.backfill;

import dev.zdm.backfill.BackoffProbe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A source health probe: a query the user chooses that returns one number (active sessions, replica
 * lag in seconds, load), and a bound; the backfill backs off while the number is above the bound. A
 * query that fails counts as over the bound. Thread-safe.
 */
public final class SqlHealthProbe implements BackoffProbe {

  private final DataSource dataSource;
  private final String query;
  private final double bound;

  /**
   * Creates a probe.
   *
   * @param dataSource where the query runs, normally the source
   * @param query a query returning one row with one numeric column; it is the user's own SQL and
   *     runs as given
   * @param bound the largest value at which the backfill goes on
   */
  public SqlHealthProbe(DataSource dataSource, String query, double bound) {
    this.dataSource = dataSource;
    this.query = query;
    this.bound = bound;
  }

  @Override
  public String name() {
    return "source-health";
  }

  @Override
  public boolean overLimit() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(query);
        ResultSet row = statement.executeQuery()) {
      return !row.next() || row.getDouble(1) > bound;
    } catch (SQLException e) {
      return true;
    }
  }
}
