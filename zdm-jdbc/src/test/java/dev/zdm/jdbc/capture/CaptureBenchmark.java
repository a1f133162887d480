package dev.zdm.jdbc.capture;

import dev.zdm.jdbc.schema.SchemaInstaller;
import dev.zdm.test.Engine;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a capture trigger costs the application's writes: times single-row inserts into the same
 * table shape with and without capture, side by side in one run, and prints the ratio. Not a test
 * (surefire runs {@code *Test} classes only) and asserts nothing.
 *
 * <p>Two modes: each insert its own transaction (auto-commit, where the commit dominates), and all
 * inserts in one transaction (where the trigger's own work shows). Rounds alternate between the two
 * tables so that drift in the machine's load hits both; the median round is reported.
 *
 * <p>Run after {@code mvn -pl zdm-jdbc -am test-compile}, with the test class path: {@code java -cp
 * <test class path> dev.zdm.jdbc.capture.CaptureBenchmark [postgres|mariadb|h2] [rows]}.
 */
public final class CaptureBenchmark {

  private static final int ROUNDS = 5;

  private CaptureBenchmark() {}

  /**
   * Runs the measurement.
   *
   * @param args optional engine (default {@code postgres}) and rows per round (default 20000)
   * @throws SQLException if the database fails
   */
  public static void main(String[] args) throws SQLException {
    Engine engine = Engine.valueOf(args.length > 0 ? args[0].toUpperCase(Locale.ROOT) : "POSTGRES");
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    try (TestDatabases databases = new TestDatabases()) {
      TestDatabase db = databases.create(engine, "capture_bench");
      SchemaInstaller.builder(db.dataSource()).build().install();
      try (Connection connection = db.connect()) {
        for (String table : new String[] {"plain", "captured"}) {
          exec(
              connection,
              "CREATE TABLE "
                  + table
                  + " (id BIGINT PRIMARY KEY, customer VARCHAR(40), amount DECIMAL(12,2))");
        }
      }
      CaptureInstaller.builder(db.dataSource()).migration("bench").build().install("captured");

      System.out.printf(
          "%s %s, %,d single-row inserts per round, median of %d rounds%n",
          engine.displayName(), db.serverVersion(), rows, ROUNDS);
      try (Connection connection = db.connect()) {
        measure(connection, rows, true);
        measure(connection, rows, false);
      }
    }
  }

  private static void measure(Connection connection, int rows, boolean autoCommit)
      throws SQLException {
    connection.setAutoCommit(autoCommit);
    long[] plain = new long[ROUNDS];
    long[] captured = new long[ROUNDS];
    insert(connection, "plain", rows / 10);
    insert(connection, "captured", rows / 10);
    for (int round = 0; round < ROUNDS; round++) {
      plain[round] = insert(connection, "plain", rows);
      captured[round] = insert(connection, "captured", rows);
    }
    connection.setAutoCommit(true);
    long plainNanos = median(plain);
    long capturedNanos = median(captured);
    System.out.printf(
        "%-34s without capture %7.1f ms (%5.1f us/row)   with capture %7.1f ms (%5.1f us/row)"
            + "   ratio %.2f%n",
        autoCommit ? "each insert its own transaction:" : "all inserts in one transaction:",
        plainNanos / 1e6,
        plainNanos / 1e3 / rows,
        capturedNanos / 1e6,
        capturedNanos / 1e3 / rows,
        (double) capturedNanos / plainNanos);
  }

  /** Inserts fresh rows, then truncates outside the timing so that every round starts alike. */
  private static long insert(Connection connection, String table, int rows) throws SQLException {
    long started;
    long elapsed;
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
      started = System.nanoTime();
      for (int i = 0; i < rows; i++) {
        insert.setLong(1, i);
        insert.setString(2, "customer-" + (i % 1000));
        insert.setBigDecimal(3, BigDecimal.valueOf(i % 10_000, 2));
        insert.executeUpdate();
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
      elapsed = System.nanoTime() - started;
    }
    exec(connection, "TRUNCATE TABLE " + table);
    exec(connection, "TRUNCATE TABLE zdm_changes");
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
    return elapsed;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void exec(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
