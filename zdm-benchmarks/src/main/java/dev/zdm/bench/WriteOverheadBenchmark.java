package dev.zdm.bench;

import dev.zdm.Phase;
import dev.zdm.control.PhaseState;
import dev.zdm.jdbc.Replication;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * What the application pays for writing through {@link DualWriteDataSource} in {@code DUAL_WRITE},
 * on local PostgreSQL. Writers run single-row write transactions (borrow a connection, 70% update
 * of an existing row or 30% insert, commit, give it back) as fast as they can, through a plain
 * HikariCP pool and through zdm, with the same pool size and workload, in alternating rounds. Per
 * variant, the medians of the rounds' throughput and p50/p99 latency are printed with the ratios
 * zdm/plain.
 *
 * <ol>
 *   <li><b>proxy alone</b>: both write the same table, which has capture triggers; only the
 *       connection proxy differs.
 *   <li><b>proxy and capture</b>: plain writes a table without capture, zdm one with capture
 *       triggers (the outbox row is written in the same transaction); the relay is stopped.
 *   <li><b>DUAL_WRITE as deployed</b>: as 2, with the relay running (2 workers) and carrying every
 *       change to the target on the same server.
 *   <li><b>DUAL_WRITE at a fixed rate</b>: as 3, but each writer runs its share of a fixed total
 *       rate ({@code --paced-rate}, 1,000 tx/s by default) below saturation; the latency counts
 *       from each transaction's scheduled start, so the cost shows there rather than in throughput.
 * </ol>
 */
final class WriteOverheadBenchmark implements Benchmark {

  private static final String MIGRATION = "bench-write";
  static final int SEED_ROWS = 50_000;

  @Override
  public String name() {
    return "write-overhead";
  }

  @Override
  public String usage() {
    return "write transactions through DualWriteDataSource vs a plain HikariCP pool"
        + " [--threads 8] [--seconds 5] [--rounds 5]";
  }

  @Override
  public BenchResult run(BenchOptions options, java.nio.file.Path output) throws Exception {
    int threads = options.number("threads", 8);
    int seconds = options.number("seconds", 5, 1);
    int rounds = options.number("rounds", 5, 3);
    int pacedRate = options.number("paced-rate", 1000);
    BenchResult result =
        new BenchResult(name())
            .parameter("database", "PostgreSQL, all databases on one server")
            .parameter("writers", threads)
            .parameter("pool_size", threads)
            .parameter("rounds", rounds)
            .parameter("seconds_per_round", seconds)
            .parameter("paced_rate_tx_per_s", pacedRate)
            .parameter("workload", "single-row transactions: 70% update, 30% insert, commit");
    String admin = options.postgresUrl();
    System.out.printf(
        "write-overhead benchmark: PostgreSQL, %d writers, pool size %d, %d alternating rounds of"
            + " %d s per side and variant%n",
        threads, threads, rounds, seconds);
    try (BenchDatabase captured = new BenchDatabase(admin, "captured", threads);
        BenchDatabase target = new BenchDatabase(admin, "target", threads);
        BenchDatabase uncaptured = new BenchDatabase(admin, "plain", threads)) {
      for (BenchDatabase db : List.of(captured, target, uncaptured)) {
        db.execute(
            RelayBenchmark.TABLE, RelayBenchmark.SEED.replace("ROWS", Integer.toString(SEED_ROWS)));
      }
      try (Replication replication =
          Replication.builder(MIGRATION)
              .from(captured.pool)
              .to(target.pool)
              .table("orders")
              .build()) {
        replication.install();
        // The phase as zdm's phase store would report it; the data source caches it either way.
        PhaseState dualWrite = new PhaseState(MIGRATION, Phase.DUAL_WRITE, 1);
        DataSource zdm =
            DualWriteDataSource.builder(MIGRATION)
                .source(captured.pool)
                .target(target.pool)
                .phaseReader(() -> dualWrite)
                .build();
        AtomicLong nextId = new AtomicLong(SEED_ROWS + 1L);
        Workload workload = new Workload(threads, seconds, 0, nextId);
        workload.round(captured.pool, Duration.ofSeconds(seconds)); // warm-up, not counted
        workload.round(zdm, Duration.ofSeconds(seconds));
        compare(
            result,
            "proxy-alone",
            "1. proxy alone (capture on both)",
            workload,
            captured.pool,
            zdm,
            rounds);
        compare(
            result,
            "proxy-and-capture",
            "2. proxy and capture, relay stopped",
            workload,
            uncaptured.pool,
            zdm,
            rounds);
        replication.start();
        boolean drained = replication.relay().awaitDrained(Duration.ofMinutes(5));
        System.out.printf(
            "%n   (relay started; backlog of the first variants drained: %s)%n", drained);
        compare(
            result,
            "dual-write",
            "3. DUAL_WRITE as deployed, relay running",
            workload,
            uncaptured.pool,
            zdm,
            rounds);
        compare(
            result,
            "dual-write-paced",
            String.format(
                "4. DUAL_WRITE as deployed, %,d tx/s offered (latency from scheduled start)",
                pacedRate),
            new Workload(threads, seconds, pacedRate, nextId),
            uncaptured.pool,
            zdm,
            rounds);
      }
    }
    return result
        .note(
            "Variants: proxy-alone = both sides write a captured table, only the connection proxy"
                + " differs; proxy-and-capture = plain writes an uncaptured table, relay stopped;"
                + " dual-write = as deployed, relay (2 workers) running on the same machine;"
                + " dual-write-paced = the same at a fixed offered rate below saturation, where the"
                + " cost shows as latency (measured from each transaction's scheduled start).")
        .note(
            "The target applies to dual-write. Beyond the proxy, each zdm transaction also writes"
                + " the capture trigger's outbox row, and the relay reads and applies it on the"
                + " same 2 cores.");
  }

  private static void compare(
      BenchResult result,
      String key,
      String title,
      Workload workload,
      DataSource plain,
      DataSource zdm,
      int rounds)
      throws Exception {
    List<Result> plainResults = new ArrayList<>();
    List<Result> zdmResults = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      // Alternate which side goes first, so that drift over time hits both alike.
      if (r % 2 == 0) {
        plainResults.add(workload.round(plain, workload.duration()));
        zdmResults.add(workload.round(zdm, workload.duration()));
      } else {
        zdmResults.add(workload.round(zdm, workload.duration()));
        plainResults.add(workload.round(plain, workload.duration()));
      }
    }
    Result p = Result.median(plainResults);
    Result z = Result.median(zdmResults);
    System.out.printf("%n%s%n", title);
    System.out.printf(
        "   plain HikariCP      %,9.0f tx/s   p50 %s   p99 %s   errors %d%n",
        p.perSecond, Distribution.millis(p.p50), Distribution.millis(p.p99), p.errors);
    System.out.printf(
        "   DualWriteDataSource %,9.0f tx/s   p50 %s   p99 %s   errors %d%n",
        z.perSecond, Distribution.millis(z.p50), Distribution.millis(z.p99), z.errors);
    System.out.printf(
        "   ratio zdm/plain     throughput %.3f   p50 latency %.3f   p99 latency %.3f%n",
        z.perSecond / p.perSecond, (double) z.p50 / p.p50, (double) z.p99 / p.p99);
    System.out.printf(
        "   rounds (tx/s)       plain %s%n                       zdm   %s%n",
        Arrays.toString(plainResults.stream().mapToLong(x -> Math.round(x.perSecond)).toArray()),
        Arrays.toString(zdmResults.stream().mapToLong(x -> Math.round(x.perSecond)).toArray()));
    result.baseline(key, p.toJson(plainResults));
    result.zdm(key, z.toJson(zdmResults));
    double throughput = z.perSecond / p.perSecond;
    String plainText = String.format("%,.0f tx/s", p.perSecond);
    String zdmText = String.format("%,.0f tx/s", z.perSecond);
    if (key.equals("dual-write")) {
      result.target(
          key + " throughput",
          plainText,
          zdmText,
          throughput,
          "zdm/plain tx/s",
          ">= 0.90",
          throughput >= 0.90);
    } else {
      result.info(key + " throughput", plainText, zdmText, throughput, "zdm/plain tx/s");
    }
    result.info(
        key + " latency p50 / p99",
        Distribution.millis(p.p50) + " / " + Distribution.millis(p.p99),
        Distribution.millis(z.p50) + " / " + Distribution.millis(z.p99),
        (double) z.p99 / p.p99,
        "zdm/plain p99 (p50 ratio " + String.format("%.2f", (double) z.p50 / p.p50) + ")");
  }

  /**
   * One single-row write transaction on {@code orders}: borrow, 70% update of a seeded row or 30%
   * insert of the id {@code nextId} hands out, commit, give back.
   */
  static void singleRowWrite(DataSource dataSource, AtomicLong nextId) throws SQLException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      if (random.nextInt(10) < 7) {
        try (PreparedStatement update =
            connection.prepareStatement(
                "UPDATE orders SET status = ?, amount = amount + 1 WHERE id = ?")) {
          update.setString(1, random.nextBoolean() ? "paid" : "shipped");
          update.setLong(2, 1 + random.nextInt(SEED_ROWS));
          update.executeUpdate();
        }
      } else {
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO orders VALUES (?, ?, 'new', 9.99, 'bench', now(), '{\"n\": 1}')")) {
          long id = nextId.getAndIncrement();
          insert.setLong(1, id);
          insert.setLong(2, id % 1000);
          insert.executeUpdate();
        }
      }
      connection.commit();
    }
  }

  /** One round's figures: throughput, latency percentiles in microseconds, errors. */
  private record Result(double perSecond, long p50, long p99, long errors) {

    java.util.Map<String, Object> toJson(List<Result> rounds) {
      java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
      json.put("median_tx_per_s", perSecond);
      json.put("median_p50_ms", p50 / 1000.0);
      json.put("median_p99_ms", p99 / 1000.0);
      json.put("errors", errors);
      json.put(
          "rounds_tx_per_s",
          rounds.stream().map(r -> (Object) (double) Math.round(r.perSecond)).toList());
      return json;
    }

    static Result median(List<Result> results) {
      return new Result(
          Stats.median(results.stream().mapToDouble(Result::perSecond).toArray()),
          Math.round(Stats.median(results.stream().mapToDouble(Result::p50).toArray())),
          Math.round(Stats.median(results.stream().mapToDouble(Result::p99).toArray())),
          results.stream().mapToLong(Result::errors).sum());
    }
  }

  /** Closed-loop writers: each runs one single-row write transaction after another. */
  private static final class Workload {

    private final int threads;
    private final int seconds;
    private final int rate;
    private final AtomicLong nextId;

    /**
     * Writers that run transactions back to back ({@code rate} 0), or each at its share of a fixed
     * total {@code rate}, falling behind rather than skipping when a transaction is slow.
     */
    Workload(int threads, int seconds, int rate, AtomicLong nextId) {
      this.threads = threads;
      this.seconds = seconds;
      this.rate = rate;
      this.nextId = nextId;
    }

    Duration duration() {
      return Duration.ofSeconds(seconds);
    }

    Result round(DataSource dataSource, Duration length) throws InterruptedException {
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong errors = new AtomicLong();
      List<Distribution> latencies = new ArrayList<>();
      List<Thread> writers = new ArrayList<>();
      long start = System.nanoTime();
      long interval = rate == 0 ? 0 : 1_000_000_000L * threads / rate;
      for (int t = 0; t < threads; t++) {
        Distribution latency = new Distribution();
        latencies.add(latency);
        long offset = interval * t / threads;
        writers.add(
            new Thread(
                () -> {
                  long scheduled = start + offset;
                  while (running.get()) {
                    if (rate > 0) {
                      LockSupport.parkNanos(scheduled - System.nanoTime());
                    } else {
                      scheduled = System.nanoTime();
                    }
                    try {
                      transaction(dataSource);
                      latency.add((System.nanoTime() - scheduled) / 1000);
                    } catch (SQLException e) {
                      errors.incrementAndGet();
                    }
                    scheduled += interval;
                  }
                },
                "bench-writer-" + t));
      }
      writers.forEach(Thread::start);
      Thread.sleep(length.toMillis());
      running.set(false);
      for (Thread writer : writers) {
        writer.join();
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      Distribution all = new Distribution();
      long count = 0;
      for (Distribution latency : latencies) {
        count += latency.count();
        all.addAll(latency);
      }
      return new Result(count / elapsed, all.percentile(50), all.percentile(99), errors.get());
    }

    private void transaction(DataSource dataSource) throws SQLException {
      singleRowWrite(dataSource, nextId);
    }
  }
}
