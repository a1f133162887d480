package dev.zdm.examples.quickstart;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The application: writers that sign up customers, place, pay and cancel orders, and now and then
 * close a customer's account (its orders first), each a plain JDBC transaction that knows nothing
 * of zdm. Thread-safe; one instance per run.
 */
final class ShopTraffic {

  private static final String[] NAMES = {"Ada", "Grace", "Linus", "Zoë", "José", "Ngozi", "李雷"};
  private static final String[] STATUSES = {"new", "paid", "shipped", "cancelled"};

  final AtomicLong transactions = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  private final DataSource source;
  private final AtomicLong nextCustomer;
  private final AtomicLong nextOrder;

  ShopTraffic(DataSource source) throws SQLException {
    this.source = source;
    try (Connection connection = source.getConnection();
        Statement statement = connection.createStatement()) {
      this.nextCustomer = new AtomicLong(max(statement, "customers") + 1);
      this.nextOrder = new AtomicLong(max(statement, "orders") + 1);
    }
  }

  private static long max(Statement statement, String table) throws SQLException {
    try (ResultSet row = statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
      row.next();
      return row.getLong(1);
    }
  }

  /** Writes until the deadline; returns when it passes. */
  void run(long seed, Instant until) {
    Random random = new Random(seed);
    while (Instant.now().isBefore(until)) {
      try (Connection connection = source.getConnection()) {
        connection.setAutoCommit(false);
        try {
          oneTransaction(connection, random);
          connection.commit();
          transactions.incrementAndGet();
        } catch (SQLException e) {
          connection.rollback();
          failures.incrementAndGet();
        }
      } catch (SQLException e) {
        failures.incrementAndGet();
      }
    }
  }

  private void oneTransaction(Connection connection, Random random) throws SQLException {
    int what = random.nextInt(100);
    long customers = nextCustomer.get() - 1;
    if (what < 15 || customers < 10) {
      long id = nextCustomer.getAndIncrement();
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO customers (id, name, email, created_at) VALUES (?, ?, ?, ?)")) {
        insert.setLong(1, id);
        insert.setString(2, NAMES[random.nextInt(NAMES.length)]);
        insert.setString(3, random.nextInt(5) == 0 ? null : "user" + id + "@example.com");
        insert.setTimestamp(4, Timestamp.from(Instant.now()));
        insert.executeUpdate();
      }
    } else if (what < 60) {
      long customer = 1 + random.nextInt((int) customers);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO orders (id, customer_id, amount, status, note)"
                  + " SELECT ?, id, ?, 'new', ? FROM customers WHERE id = ?")) {
        insert.setLong(1, nextOrder.getAndIncrement());
        insert.setBigDecimal(2, BigDecimal.valueOf(random.nextInt(100_000), 2));
        insert.setString(3, random.nextBoolean() ? null : "gift wrap ✓");
        insert.setLong(4, customer);
        insert.executeUpdate();
      }
    } else if (what < 95) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE orders SET status = ?, amount = amount + 1 WHERE id = ?")) {
        update.setString(1, STATUSES[random.nextInt(STATUSES.length)]);
        update.setLong(2, 1 + random.nextInt((int) Math.max(1, nextOrder.get() - 1)));
        update.executeUpdate();
      }
    } else {
      long customer = 1 + random.nextInt((int) customers);
      try (PreparedStatement orders =
              connection.prepareStatement("DELETE FROM orders WHERE customer_id = ?");
          PreparedStatement account =
              connection.prepareStatement("DELETE FROM customers WHERE id = ?")) {
        orders.setLong(1, customer);
        orders.executeUpdate();
        account.setLong(1, customer);
        account.executeUpdate();
      }
    }
  }
}
