package dev.zdm.bench;

import dev.zdm.Phase;
import dev.zdm.control.PhaseState;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import dev.zdm.jdbc.shadow.ShadowOutcome;
import dev.zdm.jdbc.shadow.ShadowReader;
import dev.zdm.jdbc.shadow.ShadowReads;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * What the application pays for shadow reads when the target is slow, on local PostgreSQL. Readers
 * run one read after another ({@code SELECT ... FROM orders WHERE customer_id = ? ORDER BY id}, 50
 * rows, read to the end), through a plain HikariCP pool on the source and through {@link
 * DualWriteDataSource} in {@code SHADOW} with shadow reads sampling 100% of the reads, in
 * alternating rounds. The target answers every read after at least {@code --target-delay-ms} (a
 * {@code pg_sleep} in the view the statement reads there), so shadows queue, time out or are
 * skipped; the caller must not notice. Prints p50/p99 of each side (medians over the rounds), the
 * ratios zdm/plain, and the shadow outcomes.
 */
final class ShadowReadBenchmark implements Benchmark {

  private static final String MIGRATION = "bench-shadow";
  private static final int ROWS = 50_000;
  private static final String READ =
      "SELECT id, customer_id, status, amount, note, created_at, attrs FROM orders"
          + " WHERE customer_id = ? ORDER BY id";

  @Override
  public String name() {
    return "shadow";
  }

  @Override
  public String usage() {
    return "read latency through a plain pool vs DualWriteDataSource with shadow reads at 100% to a"
        + " slowed target [--threads 4] [--seconds 5] [--rounds 5] [--target-delay-ms 50]";
  }

  @Override
  public BenchResult run(BenchOptions options, java.nio.file.Path output) throws Exception {
    int threads = options.number("threads", 4);
    int seconds = options.number("seconds", 5, 2);
    int rounds = options.number("rounds", 5, 3);
    int delayMs = options.number("target-delay-ms", 50);
    BenchResult result =
        new BenchResult(name())
            .parameter("readers", threads)
            .parameter("seconds_per_round", seconds)
            .parameter("rounds", rounds)
            .parameter("target_delay_ms", delayMs)
            .parameter("sample_percent", 100)
            .parameter("read", READ);
    String admin = options.postgresUrl();
    System.out.printf(
        "shadow benchmark: PostgreSQL, %d readers, %d alternating rounds of %d s per side, target"
            + " slowed by %d ms per statement, shadow reads at 100%%%n",
        threads, rounds, seconds, delayMs);
    try (BenchDatabase source = new BenchDatabase(admin, "shadow_source", threads + 2);
        BenchDatabase target = new BenchDatabase(admin, "shadow_target", 4)) {
      // The same rows on both sides: a fixed creation time instead of now().
      String seed =
          RelayBenchmark.SEED
              .replace("ROWS", Integer.toString(ROWS))
              .replace("now()", "TIMESTAMPTZ '2026-01-01 00:00:00+00'");
      source.execute(
          RelayBenchmark.TABLE,
          seed,
          "CREATE INDEX orders_customer ON orders (customer_id)",
          "ANALYZE orders");
      target.execute(
          RelayBenchmark.TABLE.replace("TABLE orders", "TABLE orders_data"),
          seed.replace("INTO orders", "INTO orders_data"),
          "CREATE INDEX orders_customer ON orders_data (customer_id)",
          "ANALYZE orders_data",
          "CREATE VIEW orders AS SELECT o.* FROM orders_data o,"
              + " (SELECT pg_sleep("
              + delayMs / 1000.0
              + ")) AS slow");
      PhaseState shadow = new PhaseState(MIGRATION, Phase.SHADOW, 1);
      DualWriteDataSource zdm =
          DualWriteDataSource.builder(MIGRATION)
              .source(source.pool)
              .target(target.pool)
              .phaseReader(() -> shadow)
              .shadowReads(
                  ShadowReads.builder()
                      .samplePercent(100)
                      .workers(2)
                      .queueCapacity(100)
                      .timeLimit(Duration.ofMillis(Math.max(200, 4L * delayMs)))
                      .build())
              .build();
      ShadowReader reader = zdm.shadowReader().orElseThrow();
      try {
        round(source.pool, threads, Duration.ofSeconds(seconds)); // warm-up, not counted
        round(zdm, threads, Duration.ofSeconds(seconds));
        List<long[]> plain = new ArrayList<>();
        List<long[]> shadowed = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          if (r % 2 == 0) {
            plain.add(round(source.pool, threads, Duration.ofSeconds(seconds)));
            shadowed.add(round(zdm, threads, Duration.ofSeconds(seconds)));
          } else {
            shadowed.add(round(zdm, threads, Duration.ofSeconds(seconds)));
            plain.add(round(source.pool, threads, Duration.ofSeconds(seconds)));
          }
        }
        long p50 = median(plain, 0);
        long p99 = median(plain, 1);
        long z50 = median(shadowed, 0);
        long z99 = median(shadowed, 1);
        System.out.printf(
            "%n   plain HikariCP (source only)   p50 %s   p99 %s   reads/round %s%n",
            Distribution.millis(p50), Distribution.millis(p99), counts(plain));
        System.out.printf(
            "   DualWriteDataSource + shadow   p50 %s   p99 %s   reads/round %s%n",
            Distribution.millis(z50), Distribution.millis(z99), counts(shadowed));
        System.out.printf(
            "   ratio zdm/plain                p50 latency %.3f   p99 latency %.3f%n",
            (double) z50 / p50, (double) z99 / p99);
        System.out.printf("   shadow outcomes                %s%n", outcomes(reader));
        result
            .baseline("p50_ms", p50 / 1000.0)
            .baseline("p99_ms", p99 / 1000.0)
            .zdm("p50_ms", z50 / 1000.0)
            .zdm("p99_ms", z99 / 1000.0)
            .zdm("shadow_outcomes", outcomes(reader));
        double ratio99 = (double) z99 / p99;
        result.target(
            "caller p99 read latency, target slowed " + delayMs + " ms",
            "p99 " + Distribution.millis(p99),
            "p99 " + Distribution.millis(z99),
            ratio99,
            "zdm/plain (lower is better)",
            "<= 1.10",
            ratio99 <= 1.10);
        result.info(
            "caller p50 read latency",
            "p50 " + Distribution.millis(p50),
            "p50 " + Distribution.millis(z50),
            (double) z50 / p50,
            "zdm/plain (lower is better)");
        result.info("shadow outcomes", "", outcomes(reader), null, "");
        return result;
      } finally {
        reader.close();
      }
    }
  }

  private static String outcomes(ShadowReader reader) {
    StringBuilder out = new StringBuilder();
    for (ShadowOutcome outcome : ShadowOutcome.values()) {
      out.append(outcome.tag()).append(' ').append(reader.count(outcome)).append("  ");
    }
    return out.toString().strip();
  }

  private static String counts(List<long[]> rounds) {
    return rounds.stream().map(r -> Long.toString(r[2])).toList().toString();
  }

  private static long median(List<long[]> rounds, int index) {
    long[] values = rounds.stream().mapToLong(r -> r[index]).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /** One round of closed-loop readers; returns p50 and p99 in microseconds and the read count. */
  private static long[] round(DataSource dataSource, int threads, Duration length)
      throws InterruptedException {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong errors = new AtomicLong();
    List<Distribution> latencies = new ArrayList<>();
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Distribution latency = new Distribution();
      latencies.add(latency);
      readers.add(
          new Thread(
              () -> {
                while (running.get()) {
                  long start = System.nanoTime();
                  try {
                    read(dataSource);
                    latency.add((System.nanoTime() - start) / 1000);
                  } catch (SQLException e) {
                    errors.incrementAndGet();
                  }
                }
              },
              "bench-reader-" + t));
    }
    readers.forEach(Thread::start);
    Thread.sleep(length.toMillis());
    running.set(false);
    for (Thread reader : readers) {
      reader.join();
    }
    if (errors.get() > 0) {
      throw new IllegalStateException(errors.get() + " reads failed");
    }
    Distribution all = new Distribution();
    for (Distribution latency : latencies) {
      all.addAll(latency);
    }
    return new long[] {all.percentile(50), all.percentile(99), all.count()};
  }

  private static void read(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement read = connection.prepareStatement(READ)) {
      read.setLong(1, ThreadLocalRandom.current().nextInt(1000));
      try (ResultSet rows = read.executeQuery()) {
        while (rows.next()) {
          rows.getLong(1);
          rows.getString(3);
        }
      }
    }
  }
}
