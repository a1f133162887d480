package dev.zdm.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Test-side checks of what exists on a server, asked through a separate connection. */
final class DatabaseExistence {
  private static final int H2_DATABASE_NOT_FOUND = 90146;

  private DatabaseExistence() {}

  /** Whether {@code database} still exists on its server. */
  static boolean exists(TestDatabase database) throws SQLException {
    if (database.engine() != Engine.H2) {
      return database.server().harnessDatabases().contains(database.name());
    }
    try {
      DriverManager.getConnection("jdbc:h2:mem:" + database.name() + ";IFEXISTS=TRUE", "sa", "")
          .close();
      return true;
    } catch (SQLException e) {
      if (e.getErrorCode() == H2_DATABASE_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** The lowercase names of the tables in {@code database}'s default schema. */
  static List<String> tables(TestDatabase database) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = database.connect();
        ResultSet rows =
            connection
                .getMetaData()
                .getTables(
                    connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
      while (rows.next()) {
        tables.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return tables;
  }
}
