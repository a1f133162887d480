package dev.zdm.examples.quickstart;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The quickstart's application schema: customers and their orders, with a foreign key on both sides
 * so that the relay has to write parents before children. Portable SQL, created only where missing,
 * so a second run against the same databases continues.
 */
final class ShopSchema {

  static final String[] TABLES = {"customers", "orders"};

  private ShopSchema() {}

  static void create(Connection connection) throws SQLException {
    // A local date-time with microseconds: MariaDB's TIMESTAMP is an instant type, DATETIME is not.
    String localTime =
        connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("MariaDB")
            ? "DATETIME(6)"
            : "TIMESTAMP(6)";
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS customers (id BIGINT NOT NULL PRIMARY KEY,"
              + " name VARCHAR(100) NOT NULL, email VARCHAR(200), created_at "
              + localTime
              + " NOT NULL)");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS orders (id BIGINT NOT NULL PRIMARY KEY,"
              + " customer_id BIGINT NOT NULL REFERENCES customers (id),"
              + " amount DECIMAL(12,2) NOT NULL, status VARCHAR(16) NOT NULL, note VARCHAR(200))");
    }
  }
}
