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
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * What the application pays for shadow reads when the target is slow, on local PostgreSQL. Readers
 * run one read after another ({@code SELECT ... FROM orders WHERE customer_id = ? ORDER BY id}, 50
 * rows, read to the end), through a plain HikariCP pool on the source and through {@link
 * DualWriteDataSource} in {@code SHADOW} with shadow reads sampling 100% of the reads, in
 * alternating rounds. The target answers every read after at least {@code --target-delay-ms} (a
 * {@code pg_sleep} in the view the statement reads there), so shadows queue, time out or are
 * skipped; the caller must not notice. Two modes: a closed loop (each reader reads again as soon as
 * it is done, which saturates this machine, so CPU spent per read shows as latency; the proxy
 * without shadow reads runs too, to separate the two) and a fixed offered rate ({@code --rate},
 * below saturation; latency from each read's scheduled start), on which the target is judged.
 * Prints p50/p99 of each (medians over the rounds), the ratios and the shadow outcomes.
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
        + " slowed target [--threads 4] [--seconds 5] [--rounds 5] [--target-delay-ms 50] [--rate 1000]";
  }

  @Override
  public BenchResult run(BenchOptions options, java.nio.file.Path output) throws Exception {
    int threads = options.number("threads", 4);
    int seconds = options.number("seconds", 5, 2);
    int rounds = options.number("rounds", 5, 2);
    int delayMs = options.number("target-delay-ms", 50);
    int rate = options.number("rate", 1_000);
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
      // The same proxy without shadow reads: what the DataSource costs before any shadow.
      DualWriteDataSource proxy =
          DualWriteDataSource.builder(MIGRATION)
              .source(source.pool)
              .target(target.pool)
              .phaseReader(() -> shadow)
              .build();
      ShadowReader reader = zdm.shadowReader().orElseThrow();
      try {
        Pace closedLoop = new Pace(threads, 0);
        Pace paced = new Pace(threads, rate);
        round(source.pool, closedLoop, Duration.ofSeconds(seconds)); // warm-up, not counted
        round(zdm, closedLoop, Duration.ofSeconds(seconds));
        round(proxy, closedLoop, Duration.ofSeconds(seconds));
        List<DataSource> closedSides = List.of(source.pool, proxy, zdm);
        List<List<long[]>> closed = alternate(closedSides, closedLoop, rounds, seconds);
        List<List<long[]>> atRate = alternate(closedSides, paced, rounds, seconds);
        long[] plainClosed = medians(closed.get(0));
        long[] proxyClosed = medians(closed.get(1));
        long[] shadowClosed = medians(closed.get(2));
        long[] plainPaced = medians(atRate.get(0));
        long[] proxyPaced = medians(atRate.get(1));
        long[] shadowPaced = medians(atRate.get(2));
        System.out.printf("%n   closed loop (%d readers, one read after another)%n", threads);
        print("plain HikariCP (source only)", plainClosed, closed.get(0));
        print("DualWriteDataSource, no shadow", proxyClosed, closed.get(1));
        print("DualWriteDataSource + shadow", shadowClosed, closed.get(2));
        System.out.printf(
            "   ratio shadow/plain             p50 latency %.3f   p99 latency %.3f%n",
            ratio(shadowClosed, plainClosed, 0), ratio(shadowClosed, plainClosed, 1));
        System.out.printf(
            "   ratio shadow/no shadow         p50 latency %.3f   p99 latency %.3f%n",
            ratio(shadowClosed, proxyClosed, 0), ratio(shadowClosed, proxyClosed, 1));
        System.out.printf(
            "%n   at %,d reads/s offered (latency from each read's scheduled start)%n", rate);
        print("plain HikariCP (source only)", plainPaced, atRate.get(0));
        print("DualWriteDataSource, no shadow", proxyPaced, atRate.get(1));
        print("DualWriteDataSource + shadow", shadowPaced, atRate.get(2));
        double ratio99 = ratio(shadowPaced, proxyPaced, 1);
        System.out.printf(
            "   ratio shadow/plain             p50 latency %.3f   p99 latency %.3f%n",
            ratio(shadowPaced, plainPaced, 0), ratio(shadowPaced, plainPaced, 1));
        System.out.printf(
            "   ratio shadow/no shadow         p50 latency %.3f   p99 latency %.3f%n",
            ratio(shadowPaced, proxyPaced, 0), ratio99);
        System.out.printf("   shadow outcomes                %s%n", outcomes(reader));
        result
            .parameter("offered_reads_per_second", rate)
            .baseline("p50_ms", plainPaced[0] / 1000.0)
            .baseline("p99_ms", plainPaced[1] / 1000.0)
            .baseline("closed_loop_p50_ms", plainClosed[0] / 1000.0)
            .baseline("closed_loop_p99_ms", plainClosed[1] / 1000.0)
            .baseline("no_shadow_p50_ms", proxyPaced[0] / 1000.0)
            .baseline("no_shadow_p99_ms", proxyPaced[1] / 1000.0)
            .zdm("p50_ms", shadowPaced[0] / 1000.0)
            .zdm("p99_ms", shadowPaced[1] / 1000.0)
            .zdm("closed_loop_p50_ms", shadowClosed[0] / 1000.0)
            .zdm("closed_loop_p99_ms", shadowClosed[1] / 1000.0)
            .zdm("closed_loop_no_shadow_p50_ms", proxyClosed[0] / 1000.0)
            .zdm("closed_loop_no_shadow_p99_ms", proxyClosed[1] / 1000.0)
            .zdm("shadow_outcomes", outcomes(reader));
        result.target(
            "caller p99 read latency at "
                + String.format("%,d", rate)
                + " reads/s, target slowed "
                + delayMs
                + " ms: with shadow reads vs without",
            "p99 " + Distribution.millis(proxyPaced[1]) + " (DualWriteDataSource, no shadow)",
            "p99 " + Distribution.millis(shadowPaced[1]),
            ratio99,
            "shadow/no shadow (lower is better)",
            "<= 1.10",
            ratio99 <= 1.10);
        result.info(
            "the same against a plain HikariCP pool",
            "p99 "
                + Distribution.millis(plainPaced[1])
                + ", p50 "
                + Distribution.millis(plainPaced[0]),
            "p99 "
                + Distribution.millis(shadowPaced[1])
                + ", p50 "
                + Distribution.millis(shadowPaced[0]),
            ratio(shadowPaced, plainPaced, 1),
            "zdm/plain p99 (lower is better)");
        result.info(
            "closed loop p99, " + threads + " readers saturating the machine",
            "p99 " + Distribution.millis(plainClosed[1]),
            "p99 "
                + Distribution.millis(shadowClosed[1])
                + " (no shadow: "
                + Distribution.millis(proxyClosed[1])
                + ")",
            ratio(shadowClosed, plainClosed, 1),
            "zdm/plain (lower is better)");
        result.info(
            "closed loop reads/s",
            String.format("%,d", perSecond(closed.get(0), seconds)),
            String.format("%,d", perSecond(closed.get(2), seconds))
                + " (no shadow: "
                + String.format("%,d", perSecond(closed.get(1), seconds))
                + ")",
            (double) perSecond(closed.get(2), seconds) / perSecond(closed.get(0), seconds),
            "zdm/plain reads/s");
        result.info("shadow outcomes", "", outcomes(reader), null, "");
        result.note(
            "The target is judged at a fixed offered rate below saturation, where latency is"
                + " latency, between the same DataSource with and without shadow reads: whether the"
                + " caller waits for the slow target. The plain pool beside it adds the proxy's own"
                + " cost (write-overhead's proxy-alone measures it for writes). In the closed loop the readers keep both cores busy, so the extra CPU"
                + " per read (the proxy's wrappers, the digest of sampled rows) shows as latency"
                + " too, and the no-shadow column separates the proxy from the shadow.");
        return result;
      } finally {
        reader.close();
      }
    }
  }

  /** Rounds of each data source in turn, rotating which goes first; per source, its rounds. */
  private static List<List<long[]>> alternate(
      List<DataSource> sides, Pace pace, int rounds, int seconds) throws InterruptedException {
    List<List<long[]>> results = new ArrayList<>();
    sides.forEach(s -> results.add(new ArrayList<>()));
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < sides.size(); i++) {
        int side = (i + r) % sides.size();
        results.get(side).add(round(sides.get(side), pace, Duration.ofSeconds(seconds)));
      }
    }
    return results;
  }

  private static void print(String label, long[] medians, List<long[]> rounds) {
    System.out.printf(
        "   %-30s p50 %s   p99 %s   reads/round %s%n",
        label, Distribution.millis(medians[0]), Distribution.millis(medians[1]), counts(rounds));
  }

  private static double ratio(long[] zdm, long[] plain, int index) {
    return (double) zdm[index] / plain[index];
  }

  private static long perSecond(List<long[]> rounds, int seconds) {
    return medians(rounds)[2] / seconds;
  }

  private static long[] medians(List<long[]> rounds) {
    return new long[] {median(rounds, 0), median(rounds, 1), median(rounds, 2)};
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

  /** How readers issue reads: one after another ({@code perSecond} 0), or at a fixed total rate. */
  private record Pace(int threads, int perSecond) {}

  /**
   * One round of readers; returns p50 and p99 in microseconds and the read count. At a fixed rate
   * each read has a scheduled start and its latency runs from there, so a reader that falls behind
   * counts the wait too.
   */
  private static long[] round(DataSource dataSource, Pace pace, Duration length)
      throws InterruptedException {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong errors = new AtomicLong();
    List<Distribution> latencies = new ArrayList<>();
    List<Thread> readers = new ArrayList<>();
    long interval = pace.perSecond() == 0 ? 0 : 1_000_000_000L * pace.threads() / pace.perSecond();
    long startedAt = System.nanoTime();
    for (int t = 0; t < pace.threads(); t++) {
      Distribution latency = new Distribution();
      latencies.add(latency);
      long offset = interval * t / pace.threads();
      readers.add(
          new Thread(
              () -> {
                long scheduled = startedAt + offset;
                while (running.get()) {
                  long start = System.nanoTime();
                  if (interval > 0) {
                    if (scheduled > start) {
                      LockSupport.parkNanos(scheduled - start);
                    }
                    start = scheduled;
                    scheduled += interval;
                  }
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
