package dev.zdm.jdbc.rows;

import dev.zdm.mapping.Row;
import dev.zdm.mapping.RowLayout;
import dev.zdm.mapping.TableMapping;
import dev.zdm.test.Engine;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Measures upserts of 1,000-row batches (half new keys, half updates, one transaction each) with
 * different numbers of rows per statement, side by side on each engine, and prints rows per second
 * and the ratio to a JDBC batch of single-row statements. Run it by hand:
 *
 * <pre>
 * java -cp zdm-jdbc/target/test-classes:zdm-jdbc/target/classes:$(cat zdm-jdbc/target/cp.txt) \
 *     dev.zdm.jdbc.rows.RowWriterBenchmark [rounds]
 * </pre>
 */
public final class RowWriterBenchmark {

  private static final int BATCH = 1000;
  private static final int[] ROWS_PER_STATEMENT = {1, 10, 50, 100, 250, 1000};

  private RowWriterBenchmark() {}

  public static void main(String[] args) throws SQLException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    try (TestDatabases databases = new TestDatabases()) {
      for (Engine engine : Engine.values()) {
        run(databases.create(engine, "bench"), rounds);
      }
    }
  }

  private static void run(TestDatabase db, int rounds) throws SQLException {
    try (Connection connection = db.connect()) {
      Ddl.run(
          connection,
          db.engine(),
          "CREATE TABLE bench (id BIGINT PRIMARY KEY, account INTEGER, amount NUMERIC(12,2),"
              + " status VARCHAR(20), note {text}, created {ts}, flag BOOLEAN, ref {uuid})");
      TablePair pair = TablePair.read(TableMapping.identity("bench"), connection, connection);
      connection.setAutoCommit(false);
      System.out.printf(
          "%n%s, %d-row batches, %d rounds per setting%n", db.describe(), BATCH, rounds);
      RowWriter[] writers = new RowWriter[ROWS_PER_STATEMENT.length];
      long[] nanos = new long[writers.length];
      for (int i = 0; i < writers.length; i++) {
        writers[i] = pair.writer().withRowsPerStatement(ROWS_PER_STATEMENT[i]);
      }
      long nextId = 0;
      // Round-robin, so that every setting sees the same JIT state and table size.
      for (int round = -5; round < rounds; round++) {
        for (int i = 0; i < writers.length; i++) {
          long started = System.nanoTime();
          nextId = round(connection, writers[i], pair.reader().layout(), nextId);
          if (round >= 0) {
            nanos[i] += System.nanoTime() - started;
          }
        }
      }
      for (int i = 0; i < writers.length; i++) {
        System.out.printf(
            "  %4d rows/statement: %9.0f rows/s  (%.2fx a JDBC batch of single rows)%n",
            ROWS_PER_STATEMENT[i],
            rounds * (double) BATCH / (nanos[i] / 1e9),
            (double) nanos[0] / nanos[i]);
      }
    }
  }

  /** Upserts half updates of the previous round's keys and half new keys, then commits. */
  private static long round(Connection connection, RowWriter writer, RowLayout layout, long nextId)
      throws SQLException {
    Random random = new Random(nextId);
    List<Row> rows = new ArrayList<>(BATCH);
    long first = Math.max(0, nextId - BATCH / 2);
    for (long id = first; id < first + BATCH; id++) {
      rows.add(
          Row.of(
              layout,
              id,
              (long) random.nextInt(10_000),
              BigDecimal.valueOf(random.nextInt(1_000_000), 2),
              "status-" + random.nextInt(5),
              "a note of some length " + random.nextLong(),
              LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(random.nextInt(1_000_000)),
              random.nextBoolean(),
              new UUID(
                  (random.nextLong() & ~0xf000L) | 0x4000L, // version 4, which MariaDB takes
                  (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L)));
    }
    writer.upsert(connection, rows);
    connection.commit();
    return first + BATCH;
  }
}
