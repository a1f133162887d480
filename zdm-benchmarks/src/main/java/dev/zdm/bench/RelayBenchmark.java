package dev.zdm.bench;

import dev.zdm.change.Change;
import dev.zdm.jdbc.Replication;
import dev.zdm.relay.RelayConfig;
import dev.zdm.relay.RelayListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
final class RelayBenchmark implements Benchmark {

  static final String TABLE =
      "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, status TEXT NOT NULL,"
          + " amount NUMERIC(12,2) NOT NULL, note TEXT, created_at TIMESTAMPTZ NOT NULL,"
          + " attrs JSONB)";
  static final String SEED =
      "INSERT INTO orders SELECT g, g % 1000, 'new', (g % 10000) / 100.0, 'seed row ' || g,"
          + " now(), jsonb_build_object('n', g) FROM generate_series(1, ROWS) g";

  /** Lag stays bounded at a rate when p99 is under this and the writers reach 95% of it. */
  private static final long BOUNDED_P99_MICROS = 1_000_000;

  private static final double BUCKET_SECONDS = 0.25;

  private int batchSize = 500;

  @Override
  public String name() {
    return "relay";
  }

  @Override
  public String usage() {
    return "relay lag at fixed write rates, and drain throughput vs a hand-written batch copy"
        + " [--rates 500,1000,2000,4000] [--seconds 20] [--backlog 100000] [--batch 500]";
  }

  /** Figures of one steady rate; {@code maxLagMs[i]} is the highest lag in bucket {@code i}. */
  private record RateResult(
      int rate,
      double achieved,
      double applied,
      long p50,
      long p99,
      long max,
      int changes,
      boolean drained,
      long errors,
      double[] seconds,
      double[] maxLagMs) {

    boolean bounded() {
      return drained && errors == 0 && achieved >= 0.95 * rate && p99 <= BOUNDED_P99_MICROS;
    }
  }

  @Override
  public BenchResult run(BenchOptions options, Path output) throws Exception {
    int[] rates =
        Arrays.stream(
                options
                    .text("rates", options.quick() ? "500,1000,2000" : "500,1000,2000,4000")
                    .split(","))
            .mapToInt(rate -> Integer.parseInt(rate.trim()))
            .toArray();
    int seconds = options.number("seconds", 20, 3);
    int backlog = options.number("backlog", 100_000, 10_000);
    int seedRows = 50_000;
    batchSize = options.number("batch", 500);
    String admin = options.postgresUrl();
    System.out.printf(
        "relay benchmark: PostgreSQL -> PostgreSQL, %s writes/s for %d s each, backlog %d%n",
        Arrays.toString(rates), seconds, backlog);
    BenchResult result =
        new BenchResult(name())
            .parameter("pair", "PostgreSQL -> PostgreSQL, same server")
            .parameter("rates_per_s", Arrays.stream(rates).boxed().map(r -> (Object) r).toList())
            .parameter("seconds_per_rate", seconds)
            .parameter("writers", 4)
            .parameter("relay_workers", 2)
            .parameter("batch", batchSize)
            .parameter("backlog_changes", backlog);
    try (BenchDatabase source = new BenchDatabase(admin, "src", 16);
        BenchDatabase target = new BenchDatabase(admin, "tgt", 8);
        BenchDatabase plain = new BenchDatabase(admin, "plain", 8)) {
      for (BenchDatabase db : List.of(source, target, plain)) {
        db.execute(TABLE, SEED.replace("ROWS", Integer.toString(seedRows)));
      }
      AtomicLong nextId = new AtomicLong(seedRows + 1L);
      List<RateResult> measured = new ArrayList<>();
      for (int rate : rates) {
        measured.add(steadyRate(source, target, rate, seconds, seedRows, nextId));
      }
      report(result, measured, output);
      drain(result, source, target, plain, backlog);
    }
    return result;
  }

  private void report(BenchResult result, List<RateResult> measured, Path output)
      throws java.io.IOException {
    List<Object> perRate = new ArrayList<>();
    LineChart chart =
        new LineChart(
            "Relay lag over time (highest lag per " + (int) (BUCKET_SECONDS * 1000) + " ms)",
            "seconds since measuring started",
            "lag, capture to target commit (ms)");
    int highestBounded = 0;
    for (RateResult r : measured) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("rate_offered_per_s", r.rate);
      json.put("writes_achieved_per_s", r.achieved);
      json.put("changes_applied_per_s", r.applied);
      json.put("lag_p50_ms", r.p50 / 1000.0);
      json.put("lag_p99_ms", r.p99 / 1000.0);
      json.put("lag_max_ms", r.max / 1000.0);
      json.put("changes", r.changes);
      json.put("write_errors", r.errors);
      json.put("drained_afterwards", r.drained);
      json.put("bounded", r.bounded());
      perRate.add(json);
      chart.series(r.rate + " writes/s", r.seconds, r.maxLagMs);
      if (r.bounded()) {
        highestBounded = Math.max(highestBounded, r.rate);
      }
      String lag =
          String.format(
              "lag p50 %s, p99 %s, max %s (%,.0f writes/s reached)",
              Distribution.millis(r.p50),
              Distribution.millis(r.p99),
              Distribution.millis(r.max),
              r.achieved);
      if (r.rate == 1000) {
        result.target(
            "lag at 1,000 writes/s", "", lag, null, "", "p99 <= 200 ms", r.p99 <= 200_000);
      } else {
        result.info("lag at " + String.format("%,d", r.rate) + " writes/s", "", lag, null, "");
      }
    }
    result.zdm("lag", perRate);
    result.zdm("highest_bounded_rate_per_s", highestBounded);
    result.info(
        "highest rate with bounded lag",
        "",
        highestBounded == 0 ? "none of those tried" : String.format("%,d writes/s", highestBounded),
        null,
        "");
    result.note(
        "Bounded: writers reached 95% of the offered rate, p99 lag <= 1 s, and the outbox"
            + " drained within 60 s after the writers stopped.");
    chart.write(output.resolve("relay-lag.png"));
    result.chart("relay-lag.png");
  }

  private Replication replication(
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

  private RateResult steadyRate(
      BenchDatabase source,
      BenchDatabase target,
      int rate,
      int seconds,
      int seedRows,
      AtomicLong nextId)
      throws Exception {
    Distribution lag = new Distribution();
    int buckets = (int) Math.ceil(seconds / BUCKET_SECONDS);
    double[] maxLagMs = new double[buckets];
    AtomicReference<Instant> measuringSince = new AtomicReference<>();
    AtomicLong applied = new AtomicLong();
    RelayListener listener =
        new RelayListener() {
          @Override
          public void batchApplied(
              String migration, List<Change> changes, int rows, Instant appliedAt) {
            Instant since = measuringSince.get();
            if (since != null) {
              synchronized (lag) {
                for (Change change : changes) {
                  long micros = Duration.between(change.capturedAt(), appliedAt).toNanos() / 1000;
                  lag.add(micros);
                  int bucket =
                      (int)
                          (Duration.between(since, change.capturedAt()).toNanos()
                              / 1e9
                              / BUCKET_SECONDS);
                  if (bucket >= 0 && bucket < buckets) {
                    maxLagMs[bucket] = Math.max(maxLagMs[bucket], micros / 1000.0);
                  }
                }
              }
              applied.addAndGet(changes.size());
            }
          }
        };
    try (Replication replication = replication(source, target, listener)) {
      replication.start();
      int warmup = 2;
      Writers writers = new Writers(source, rate, seedRows, nextId);
      writers.start();
      Thread.sleep(warmup * 1000L);
      long writesBefore = writers.writes.get();
      measuringSince.set(Instant.now());
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      double elapsed = (System.nanoTime() - start) / 1e9;
      long writesDuring = writers.writes.get() - writesBefore;
      writers.stop();
      boolean drained = replication.relay().awaitDrained(Duration.ofSeconds(60));
      measuringSince.set(null);
      System.out.printf(
          "%nlag at %,d writes/s (%d s measured after %d s warm-up)%n", rate, seconds, warmup);
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
        System.out.printf("   drained afterwards  %s%n", drained);
        double[] times = new double[buckets];
        for (int i = 0; i < buckets; i++) {
          times[i] = i * BUCKET_SECONDS;
        }
        return new RateResult(
            rate,
            writesDuring / elapsed,
            applied.get() / elapsed,
            lag.percentile(50),
            lag.percentile(99),
            lag.percentile(100),
            lag.count(),
            drained,
            writers.errors.get(),
            times,
            maxLagMs.clone());
      }
    }
  }

  private void drain(
      BenchResult result,
      BenchDatabase source,
      BenchDatabase target,
      BenchDatabase plain,
      int backlog)
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
    result.baseline("drain_plain_copy_per_change_changes_per_s", backlog / perChangeSeconds);
    result.baseline("drain_plain_copy_rows_once_changes_per_s", backlog / onceSeconds);
    result.zdm("drain_changes_per_s", backlog / zdmSeconds);
    result.info(
        String.format("drain a backlog of %,d changes", backlog),
        String.format("%,.0f changes/s (hand-written batch copy)", backlog / perChangeSeconds),
        String.format("%,.0f changes/s", backlog / zdmSeconds),
        perChangeSeconds / zdmSeconds,
        "zdm/plain changes/s");
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
