package dev.zdm.examples.quickstart;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;

/**
 * The quickstart's application schema: customers and their orders, with a foreign key from orders
 * to customers. Portable SQL, created only where missing, so a second run against the same
 * databases continues.
 *
 * <p>The target gets its foreign key only after the backfill: ranges of both tables are copied at
 * once, so an order can arrive before its customer. Loading first and adding constraints after is
 * how bulk loads are usually done; the relay writes parents before children from then on.
 */
final class ShopSchema {

  static final String[] TABLES = {"customers", "orders"};
  private static final String FOREIGN_KEY = "orders_customer_fk";

  private ShopSchema() {}

  static void create(Connection connection, boolean foreignKey) throws SQLException {
    // A local date-time with microseconds: MariaDB's TIMESTAMP is an instant type, DATETIME is not.
    String localTime = isMariaDb(connection) ? "DATETIME(6)" : "TIMESTAMP(6)";
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS customers (id BIGINT NOT NULL PRIMARY KEY,"
              + " name VARCHAR(100) NOT NULL, email VARCHAR(200), created_at "
              + localTime
              + " NOT NULL)");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS orders (id BIGINT NOT NULL PRIMARY KEY,"
              + " customer_id BIGINT NOT NULL,"
              + " amount DECIMAL(12,2) NOT NULL, status VARCHAR(16) NOT NULL, note VARCHAR(200))");
      // the shop looks up a customer's orders; PostgreSQL does not index a foreign key by itself
      statement.execute("CREATE INDEX IF NOT EXISTS orders_customer ON orders (customer_id)");
    }
    if (foreignKey) {
      addForeignKey(connection);
    }
  }

  /** Adds the foreign key from orders to customers unless it exists. */
  static boolean addForeignKey(Connection connection) throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    try (ResultSet keys =
        metaData.getImportedKeys(connection.getCatalog(), connection.getSchema(), "orders")) {
      while (keys.next()) {
        if ("customers".equalsIgnoreCase(keys.getString("PKTABLE_NAME"))) {
          return false;
        }
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "ALTER TABLE orders ADD CONSTRAINT "
              + FOREIGN_KEY
              + " FOREIGN KEY (customer_id) REFERENCES customers (id)");
    }
    return true;
  }

  /**
   * Refreshes the planner's statistics after a bulk load, as one does after a backfill: without
   * them the target's planner may scan orders for a customer's orders.
   */
  static void analyze(Connection connection) throws SQLException {
    boolean postgres =
        connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
    try (Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        statement.execute((postgres ? "ANALYZE " : "ANALYZE TABLE ") + table);
      }
    }
  }

  /**
   * Seeds an empty source: a fifth of the rows are customers, the rest their orders. Does nothing
   * when customers exist.
   *
   * @return the rows inserted
   */
  static long seed(Connection connection, int rows) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet existing = statement.executeQuery("SELECT COUNT(*) FROM customers")) {
      existing.next();
      if (existing.getLong(1) > 0) {
        return 0;
      }
    }
    int customers = Math.max(1, rows / 5);
    int orders = rows - customers;
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    LocalDateTime start = LocalDateTime.of(2024, 1, 1, 9, 0);
    try (PreparedStatement customer =
            connection.prepareStatement(
                "INSERT INTO customers (id, name, email, created_at) VALUES (?, ?, ?, ?)");
        PreparedStatement order =
            connection.prepareStatement(
                "INSERT INTO orders (id, customer_id, amount, status, note)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= customers; id++) {
        customer.setLong(1, id);
        customer.setString(2, ShopTraffic.NAMES[id % ShopTraffic.NAMES.length]);
        customer.setString(3, id % 5 == 0 ? null : "user" + id + "@example.com");
        customer.setTimestamp(4, Timestamp.valueOf(start.plusSeconds(id * 37L)));
        customer.addBatch();
        if (id % 1000 == 0 || id == customers) {
          customer.executeBatch();
          connection.commit();
        }
      }
      for (int id = 1; id <= orders; id++) {
        // customers whose id is a multiple of 10 close accounts and never order (see ShopTraffic)
        long owner = 1 + (id * 7919L) % customers;
        if (owner % 10 == 0) {
          owner = owner == customers ? owner - 1 : owner + 1;
        }
        order.setLong(1, id);
        order.setLong(2, Math.max(1, owner));
        order.setBigDecimal(3, BigDecimal.valueOf((id * 2654435761L) % 100_000, 2));
        order.setString(4, ShopTraffic.STATUSES[id % ShopTraffic.STATUSES.length]);
        order.setString(5, id % 3 == 0 ? "gift wrap ✓" : null);
        order.addBatch();
        if (id % 1000 == 0 || id == orders) {
          order.executeBatch();
          connection.commit();
        }
      }
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return (long) customers + orders;
  }

  private static boolean isMariaDb(Connection connection) throws SQLException {
    return connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("MariaDB");
  }
}
