package dev.zdm.jdbc.backfill;

import dev.zdm.jdbc.rows.TableShape;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Estimates a table's rows for progress figures: from the catalog's statistics where the engine
 * keeps them (PostgreSQL {@code pg_class.reltuples}, MariaDB {@code information_schema.TABLES}),
 * else by counting.
 */
public final class RowEstimate {

  private RowEstimate() {}

  /**
   * Estimates the rows of a table.
   *
   * @param connection a connection to the table's database
   * @param table the table
   * @return the estimate, at least 0
   * @throws SQLException if the database fails
   */
  public static long of(Connection connection, TableShape table) throws SQLException {
    String engine = table.dialect().name();
    long estimate = -1;
    if (engine.equals("postgresql")) {
      estimate =
          single(
              connection,
              "SELECT c.reltuples::bigint FROM pg_class c JOIN pg_namespace n"
                  + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?",
              table);
    } else if (engine.equals("mariadb")) {
      estimate =
          single(
              connection,
              "SELECT TABLE_ROWS FROM information_schema.TABLES"
                  + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
              table);
    }
    if (estimate > 0) {
      return estimate;
    }
    // Never analysed (or no statistics): count once.
    try (PreparedStatement count =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM "
                    + table.dialect().quote(table.schema())
                    + "."
                    + table.dialect().quote(table.table()));
        ResultSet row = count.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private static long single(Connection connection, String sql, TableShape table)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, table.schema());
      query.setString(2, table.table());
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getLong(1) : -1;
      }
    }
  }
}
