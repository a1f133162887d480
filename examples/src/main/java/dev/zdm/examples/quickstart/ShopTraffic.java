package dev.zdm.examples.quickstart;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * The application: writers that sign up customers, place, pay and cancel orders, and now and then
 * close a customer's account, and a reader that looks up customers with their orders; each a plain
 * JDBC transaction on the data source it is given (the quickstart gives it {@code
 * DualWriteDataSource}). Thread-safe; one instance per run.
 *
 * <p>A transaction that fails with a retryable error (zdm's fence refusal {@code ZD001} or any
 * {@link SQLTransientException}, a deadlock victim, a lock timeout, H2's failure while a trigger is
 * dropped) is rolled back and run again, as an application would; it counts once as retried. One
 * that fails otherwise, or still fails after five attempts, counts as failed, and its first error
 * is kept.
 */
final class ShopTraffic implements AutoCloseable {

  static final String[] NAMES = {"Ada", "Grace", "Linus", "Zoë", "José", "Ngozi", "李雷"};
  static final String[] STATUSES = {"new", "paid", "shipped", "cancelled"};
  private static final int ATTEMPTS = 5;

  final AtomicLong writes = new AtomicLong();
  final AtomicLong reads = new AtomicLong();
  final AtomicLong retried = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final AtomicReference<String> firstFailure = new AtomicReference<>();
  private final DataSource dataSource;
  private final AtomicLong nextCustomer;
  private final AtomicLong nextOrder;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();

  ShopTraffic(DataSource dataSource) throws SQLException {
    this.dataSource = dataSource;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      this.nextCustomer = new AtomicLong(max(statement, "customers") + 1);
      this.nextOrder = new AtomicLong(max(statement, "orders") + 1);
    }
  }

  private static long max(Statement statement, String table) throws SQLException {
    try (ResultSet row =
        statement.executeQuery("SELECT COALESCE(MAX(id), 0) AS max_id FROM " + table)) {
      long max = 0;
      while (row.next()) { // to the end, as a shadowed read is compared only then
        max = row.getLong(1);
      }
      return max;
    }
  }

  /** Starts the writers, sharing about {@code rate} transactions per second, and one reader. */
  void start(int writers, int rate) {
    int share = Math.max(1, rate / writers);
    for (int w = 0; w < writers; w++) {
      long seed = w;
      threads.add(new Thread(() -> loop(seed, share, true), "shop-writer-" + w));
    }
    threads.add(new Thread(() -> loop(-1, Math.max(1, rate / 2), false), "shop-reader"));
    threads.forEach(Thread::start);
  }

  long served() {
    return writes.get() + reads.get();
  }

  /** Stops the threads and waits for their transactions in flight to end. */
  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private void loop(long seed, int perSecond, boolean write) {
    Random random = new Random(seed);
    long interval = 1_000_000_000L / perSecond;
    long next = System.nanoTime();
    while (!stop.get()) {
      if (attempt(random, write)) {
        (write ? writes : reads).incrementAndGet();
      } else {
        failures.incrementAndGet();
      }
      next += interval;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      } else if (-wait > 1_000_000_000L) {
        next = System.nanoTime(); // fell behind by a second: do not burst to catch up
      }
    }
  }

  private boolean attempt(Random random, boolean write) {
    long state = random.nextLong();
    boolean retrying = false;
    for (int i = 0; i < ATTEMPTS; i++) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try {
          // the same transaction on every attempt
          if (write) {
            oneWrite(connection, new Random(state));
          } else {
            oneRead(connection, new Random(state));
          }
          connection.commit();
          return true;
        } catch (SQLException e) {
          rollbackQuietly(connection);
          if (!retryable(e)) {
            firstFailure.compareAndSet(null, describe(e));
            return false;
          }
          if (!retrying) {
            retried.incrementAndGet();
            retrying = true;
          }
          if (i == ATTEMPTS - 1) {
            firstFailure.compareAndSet(null, describe(e));
          }
          LockSupport.parkNanos(10_000_000L << i);
        }
      } catch (SQLException e) {
        firstFailure.compareAndSet(null, describe(e));
        return false;
      }
    }
    return false;
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is closed next; its transaction ends with it
    }
  }

  private static String describe(SQLException e) {
    return "SQLSTATE " + e.getSQLState() + ": " + e.getMessage();
  }

  /** Fence refusals, transient errors, serialization failures, deadlocks and lock timeouts. */
  static boolean retryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        if (state.startsWith("40") || state.equals("HYT00") || state.equals("ZD001")) {
          return true;
        }
        // H2 can fail a statement that runs while a trigger of its table is dropped (TARGET_ONLY
        // drops zdm's triggers under traffic) with an internal ConcurrentModificationException;
        // the statement did nothing, so the transaction is run again.
        if (state.equals("HY000")
            && String.valueOf(s.getMessage()).contains("ConcurrentModificationException")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A customer with the count and total of their orders: a plain SELECT read to the end, which
   * shadow reads compare on the target in SHADOW. The columns are named, as engines label an
   * unnamed {@code COUNT(o.id)} differently ({@code count} on PostgreSQL), and the empty total is
   * {@code 0.00}, not {@code 0}: PostgreSQL would answer an integer-scaled {@code 0} where MariaDB
   * answers {@code 0.00}, a real difference between the two databases' answers.
   */
  private void oneRead(Connection connection, Random random) throws SQLException {
    long customers = Math.max(1, nextCustomer.get() - 1);
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT c.name AS name, COUNT(o.id) AS order_count,"
                + " COALESCE(SUM(o.amount), 0.00) AS order_total FROM customers c"
                + " LEFT JOIN orders o ON o.customer_id = c.id WHERE c.id = ?"
                + " GROUP BY c.id, c.name")) {
      query.setLong(1, 1 + random.nextInt((int) Math.min(Integer.MAX_VALUE, customers)));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          rows.getString(1);
          rows.getLong(2);
          rows.getBigDecimal(3);
        }
      }
    }
  }

  private void oneWrite(Connection connection, Random random) throws SQLException {
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
