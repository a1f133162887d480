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
 * close a customer's account, each a plain JDBC transaction that knows nothing of zdm. Thread-safe;
 * one instance per run.
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

  /**
   * Writes until the deadline at about {@code perSecond} transactions per second. A transaction the
   * database picks as a deadlock or lock-timeout victim is retried, as an application would; one
   * that still fails after three attempts counts as failed.
   */
  void run(long seed, Instant until, int perSecond) {
    Random random = new Random(seed);
    long interval = 1_000_000_000L / perSecond;
    long next = System.nanoTime();
    while (Instant.now().isBefore(until)) {
      if (attempt(random, 3)) {
        transactions.incrementAndGet();
      } else {
        failures.incrementAndGet();
      }
      next += interval;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
      }
    }
  }

  private boolean attempt(Random random, int attempts) {
    long state = random.nextLong();
    for (int i = 0; i < attempts; i++) {
      try (Connection connection = source.getConnection()) {
        connection.setAutoCommit(false);
        try {
          // the same transaction on every attempt
          oneTransaction(connection, new Random(state));
          connection.commit();
          return true;
        } catch (SQLException e) {
          connection.rollback();
          if (!retryable(e)) {
            return false;
          }
        }
      } catch (SQLException e) {
        return false;
      }
    }
    return false;
  }

  /** Deadlock victims (class 40) and H2's lock timeouts (HYT00) are worth another try. */
  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("40") || state.equals("HYT00"));
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
      if (customer % 10 == 0) {
        customer++;
      }
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
    } else if (what < 93) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE orders SET status = ?, amount = amount + 1 WHERE id = ?")) {
        update.setString(1, STATUSES[random.nextInt(STATUSES.length)]);
        update.setLong(2, 1 + random.nextInt((int) Math.max(1, nextOrder.get() - 1)));
        update.executeUpdate();
      }
    } else if (what < 97) {
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM orders WHERE id = ?")) {
        delete.setLong(1, 1 + random.nextInt((int) Math.max(1, nextOrder.get() - 1)));
        delete.executeUpdate();
      }
    } else {
      // Only customers whose id is a multiple of 10 close accounts, and they never order: the
      // foreign key then never races between a new order and a closed account.
      long customer = 10L * (1 + random.nextInt((int) Math.max(1, customers / 10)));
      try (PreparedStatement account =
          connection.prepareStatement("DELETE FROM customers WHERE id = ?")) {
        account.setLong(1, customer);
        account.executeUpdate();
      }
    }
  }
}
