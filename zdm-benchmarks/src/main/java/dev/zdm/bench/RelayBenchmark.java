package dev.zdm.bench;

import dev.zdm.change.Change;
import dev.zdm.jdbc.Replication;
import dev.zdm.relay.RelayConfig;
import dev.zdm.relay.RelayListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The relay on local PostgreSQL, PG to PG, in two parts.
 *
 * <ol>
 *   <li><b>Lag at a steady rate</b>: writers make single-row autocommit writes (70% updates of
 *       existing rows, 30% inserts) at a fixed total rate while the relay runs; for every change,
 *       the time from the writer's statement to the target's commit is recorded.
 *   <li><b>Drain throughput</b>: with the relay stopped, a backlog of changes is written; then the
 *       relay drains it, timed. The plain alternative in the same run: a hand-written copy of the
 *       same rows (read by key, batch-upserted with {@code INSERT ... ON CONFLICT}) into a second
 *       target. Both rates and the ratio are printed.
 * </ol>
 */
final class RelayBenchmark {

  static final String TABLE =
      "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, status TEXT NOT NULL,"
          + " amount NUMERIC(12,2) NOT NULL, note TEXT, created_at TIMESTAMPTZ NOT NULL,"
          + " attrs JSONB)";
  static final String SEED =
      "INSERT INTO orders SELECT g, g % 1000, 'new', (g % 10000) / 100.0, 'seed row ' || g,"
          + " now(), jsonb_build_object('n', g) FROM generate_series(1, ROWS) g";

  private static int batchSize = 500;

  private RelayBenchmark() {}

  static void run(BenchOptions options) throws Exception {
    int rate = options.number("rate", 1000);
    int seconds = options.number("seconds", 30);
    int backlog = options.number("backlog", 100_000);
    int seedRows = 50_000;
    batchSize = options.number("batch", 500);
    String admin = options.postgresUrl();
    System.out.printf(
        "relay benchmark: PostgreSQL -> PostgreSQL, %d writes/s for %d s, backlog %d%n",
        rate, seconds, backlog);
    try (BenchDatabase source = new BenchDatabase(admin, "src", 16);
        BenchDatabase target = new BenchDatabase(admin, "tgt", 8);
        BenchDatabase plain = new BenchDatabase(admin, "plain", 8)) {
      for (BenchDatabase db : List.of(source, target, plain)) {
        db.execute(TABLE, SEED.replace("ROWS", Integer.toString(seedRows)));
      }
      steadyRate(source, target, rate, seconds, seedRows);
      drain(source, target, plain, backlog, seedRows);
    }
  }

  private static Replication replication(
      BenchDatabase source, BenchDatabase target, RelayListener listener) {
    Replication replication =
        Replication.builder("bench-relay")
            .from(source.pool)
            .to(target.pool)
            .table("orders")
            .relay(RelayConfig.builder().workers(2).batchSize(batchSize).build())
            .listener(listener)
            .build();
    replication.install();
    return replication;
  }

  private static void steadyRate(
      BenchDatabase source, BenchDatabase target, int rate, int seconds, int seedRows)
      throws Exception {
    Distribution lag = new Distribution();
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicLong applied = new AtomicLong();
    RelayListener listener =
        new RelayListener() {
          @Override
          public void batchApplied(
              String migration, List<Change> changes, int rows, Instant appliedAt) {
            if (measuring.get()) {
              synchronized (lag) {
                for (Change change : changes) {
                  lag.add(Duration.between(change.capturedAt(), appliedAt).toNanos() / 1000);
                }
              }
              applied.addAndGet(changes.size());
            }
          }
        };
    try (Replication replication = replication(source, target, listener)) {
      replication.start();
      AtomicLong nextId = new AtomicLong(seedRows + 1L);
      int warmup = 3;
      Writers writers = new Writers(source, rate, seedRows, nextId);
      writers.start();
      Thread.sleep(warmup * 1000L);
      long writesBefore = writers.writes.get();
      measuring.set(true);
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      double elapsed = (System.nanoTime() - start) / 1e9;
      long writesDuring = writers.writes.get() - writesBefore;
      writers.stop();
      boolean drained = replication.relay().awaitDrained(Duration.ofSeconds(60));
      measuring.set(false);
      System.out.printf(
          "%n1. lag at a steady rate (%d s measured after %d s warm-up)%n", seconds, warmup);
      System.out.printf(
          "   app writes          %,10.0f /s (target %d /s), write errors %d%n",
          writesDuring / elapsed, rate, writers.errors.get());
      System.out.printf("   relay applied       %,10.0f changes/s%n", applied.get() / elapsed);
      synchronized (lag) {
        System.out.printf(
            "   lag per change      p50 %s   p99 %s   max %s   (%,d changes)%n",
            Distribution.millis(lag.percentile(50)),
            Distribution.millis(lag.percentile(99)),
            Distribution.millis(lag.percentile(100)),
            lag.count());
      }
      System.out.printf("   drained afterwards  %s%n", drained);
    }
  }

  private static void drain(
      BenchDatabase source, BenchDatabase target, BenchDatabase plain, int backlog, int seedRows)
      throws SQLException {
    // The backlog: updates of existing rows and inserts, written while no relay runs.
    List<Long> keys = new ArrayList<>();
    try (Connection connection = source.pool.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE orders SET status = 'paid', amount = amount + 1 WHERE id = ?")) {
      connection.setAutoCommit(false);
      ThreadLocalRandom random = ThreadLocalRandom.current();
      long maxId;
      try (ResultSet row =
          connection.createStatement().executeQuery("SELECT max(id) FROM orders")) {
        row.next();
        maxId = row.getLong(1);
      }
      for (int i = 0; i < backlog; i++) {
        long id = 1 + random.nextLong(maxId);
        update.setLong(1, id);
        update.addBatch();
        keys.add(id);
        if (i % 1000 == 999) {
          update.executeBatch();
          connection.commit();
        }
      }
      update.executeBatch();
      connection.commit();
    }
    long distinct = keys.stream().distinct().count();

    long zdmStart = System.nanoTime();
    try (Replication replication = replication(source, target, RelayListener.NONE)) {
      replication.start();
      if (!replication.relay().awaitDrained(Duration.ofMinutes(10))) {
        throw new IllegalStateException("the relay did not drain the backlog in 10 minutes");
      }
    }
    double zdmSeconds = (System.nanoTime() - zdmStart) / 1e9;

    long perChangeStart = System.nanoTime();
    PlainCopy.copy(source, plain, keys);
    double perChangeSeconds = (System.nanoTime() - perChangeStart) / 1e9;
    long onceStart = System.nanoTime();
    PlainCopy.copy(source, plain, keys.stream().distinct().toList());
    double onceSeconds = (System.nanoTime() - onceStart) / 1e9;

    System.out.printf(
        "%n2. drain throughput (%,d changes over %,d distinct rows)%n", backlog, distinct);
    System.out.printf(
        "   zdm relay                       %,10.0f changes/s  (%.2f s)%n",
        backlog / zdmSeconds, zdmSeconds);
    System.out.printf(
        "   plain copy, a row per change    %,10.0f changes/s  (%.2f s)%n",
        backlog / perChangeSeconds, perChangeSeconds);
    System.out.printf(
        "   plain copy, each row once       %,10.0f changes/s  (%.2f s, a lower bound: it knows the final rows)%n",
        backlog / onceSeconds, onceSeconds);
    System.out.printf("   ratio zdm / plain per change    %.2f%n", perChangeSeconds / zdmSeconds);
    System.out.printf("   ratio zdm / plain rows once     %.2f%n", onceSeconds / zdmSeconds);
  }

  /** Writers at a fixed total rate: each paces itself to its share by the nanosecond clock. */
  private static final class Writers {
    final AtomicLong writes = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    Writers(BenchDatabase source, int rate, int seedRows, AtomicLong nextId) {
      int count = 4;
      long intervalNanos = 1_000_000_000L * count / rate;
      for (int w = 0; w < count; w++) {
        threads.add(
            new Thread(
                () -> {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  long next = System.nanoTime();
                  try (Connection connection = source.pool.getConnection();
                      PreparedStatement update =
                          connection.prepareStatement(
                              "UPDATE orders SET status = ?, amount = amount + 1 WHERE id = ?");
                      PreparedStatement insert =
                          connection.prepareStatement(
                              "INSERT INTO orders VALUES (?, ?, 'new', 9.99, 'bench', now(), '{\"n\": 1}')")) {
                    while (running.get()) {
                      try {
                        if (random.nextInt(10) < 7) {
                          update.setString(1, random.nextBoolean() ? "paid" : "shipped");
                          update.setLong(2, 1 + random.nextInt(seedRows));
                          update.executeUpdate();
                        } else {
                          long id = nextId.getAndIncrement();
                          insert.setLong(1, id);
                          insert.setLong(2, id % 1000);
                          insert.executeUpdate();
                        }
                        writes.incrementAndGet();
                      } catch (SQLException e) {
                        errors.incrementAndGet();
                      }
                      next += intervalNanos;
                      long wait = next - System.nanoTime();
                      if (wait > 0) {
                        LockSupport.parkNanos(wait);
                      }
                    }
                  } catch (SQLException e) {
                    errors.incrementAndGet();
                  }
                },
                "bench-writer-" + w));
      }
    }

    void start() {
      threads.forEach(Thread::start);
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }
}
