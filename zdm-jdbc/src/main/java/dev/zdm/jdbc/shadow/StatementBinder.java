package dev.zdm.jdbc.shadow;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Sets a shadowed statement's parameters (and settings such as max rows) on the statement prepared
 * on the other database. {@link dev.zdm.jdbc.datasource.DualWriteDataSource} makes one from what
 * the application set; it holds copies of the values, so it can run later on a zdm worker thread.
 */
@FunctionalInterface
public interface StatementBinder {

  /** Sets nothing: a statement without parameters. */
  StatementBinder NONE = statement -> {};

  /**
   * Sets the parameters and settings.
   *
   * @param statement the statement made from the same SQL: a {@link java.sql.PreparedStatement}
   *     when the application's statement was prepared
   * @throws SQLException if the driver refuses a value
   */
  void bind(Statement statement) throws SQLException;
}
