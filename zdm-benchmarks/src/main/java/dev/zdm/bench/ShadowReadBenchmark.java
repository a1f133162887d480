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
 * rows, read to the end) through a plain HikariCP pool on the source, through {@link
 * DualWriteDataSource} in {@code SHADOW} without shadow reads, and through it with shadow reads
 * sampling 100% of the reads, in alternating rounds. The target answers every read after a {@code
 * pg_sleep} in the view the statement reads there. Two targets, one after the other:
 *
 * <ul>
 *   <li><b>stalled</b> (judged, the case): the target takes longer than the shadow time
 *       limit ({@code --stall-ms}, 3 s), so every shadow that runs times out, is cancelled and is
 *       counted. Shadow reads with their default settings (one worker, a 2 s limit), and with
 *       tighter ones (two workers, a 200 ms limit, so ten times as many cancelled statements);
 *   <li><b>slow</b> (shown beside it): the target answers within the limit, after {@code
 *       --target-delay-ms} (50 ms), with two workers and a 200 ms limit, so some 40 reads a second
 *       are compared in full; a closed loop runs here too.
 * </ul>
 *
 * <p>Latency is judged at a fixed offered rate ({@code --rate}, below saturation; from each read's
 * scheduled start). Prints p50/p99 of each side (medians over the rounds), the ratios and the
 * shadow outcomes.
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
        + " stalled and to a slow target [--threads 4] [--seconds 5] [--rounds 7]"
        + " [--stall-ms 3000] [--target-delay-ms 50] [--rate 1000]";
  }

  @Override
  public BenchResult run(BenchOptions options, java.nio.file.Path output) throws Exception {
    int threads = options.number("threads", 4);
    int seconds = options.number("seconds", 5, 2);
    int rounds = options.number("rounds", 7, 2);
    int stallMs = options.number("stall-ms", 3_000);
    int delayMs = options.number("target-delay-ms", 50);
    int rate = options.number("rate", 1_000);
    Duration tightLimit = Duration.ofMillis(200);
    // The slow target answers well within this limit, so its shadows are compared in full.
    Duration slowLimit = Duration.ofMillis(Math.max(200, 4L * delayMs));
    if (stallMs <= ShadowReads.DEFAULT_TIME_LIMIT.toMillis()) {
      throw new IllegalArgumentException(
          "--stall-ms must exceed the default shadow time limit of "
              + ShadowReads.DEFAULT_TIME_LIMIT.toMillis()
              + " ms, so that the shadows time out");
    }
    BenchResult result =
        new BenchResult(name())
            .parameter("readers", threads)
            .parameter("seconds_per_round", seconds)
            .parameter("rounds", rounds)
            .parameter("stall_ms", stallMs)
            .parameter("target_delay_ms", delayMs)
            .parameter("sample_percent", 100)
            .parameter("offered_reads_per_second", rate)
            .parameter("read", READ);
    String admin = options.postgresUrl();
    System.out.printf(
        "shadow benchmark: PostgreSQL, %d readers at %,d reads/s, %d alternating rounds of %d s per"
            + " side, shadow reads at 100%%; target stalled %d ms, then slowed %d ms%n",
        threads, rate, rounds, seconds, stallMs, delayMs);
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
          slowView(stallMs));
      PhaseState shadow = new PhaseState(MIGRATION, Phase.SHADOW, 1);
      DualWriteDataSource proxy = dataSource(source, target, shadow, null);
      DualWriteDataSource defaults =
          dataSource(source, target, shadow, ShadowReads.builder().samplePercent(100).build());
      DualWriteDataSource tight =
          dataSource(
              source,
              target,
              shadow,
              ShadowReads.builder().samplePercent(100).workers(2).timeLimit(tightLimit).build());
      DualWriteDataSource slow =
          dataSource(
              source,
              target,
              shadow,
              ShadowReads.builder().samplePercent(100).workers(2).timeLimit(slowLimit).build());
      List<ShadowReader> readers =
          List.of(
              defaults.shadowReader().orElseThrow(),
              tight.shadowReader().orElseThrow(),
              slow.shadowReader().orElseThrow());
      try {
        Pace closedLoop = new Pace(threads, 0);
        Pace paced = new Pace(threads, rate);
        Duration warmUp = Duration.ofSeconds(seconds);

        // Stalled target: every shadow that runs times out.
        for (DataSource side : List.of(source.pool, proxy, defaults, tight)) {
          round(side, paced, warmUp);
        }
        List<List<long[]>> stalled =
            alternate(List.of(source.pool, proxy, defaults, tight), paced, rounds, seconds);
        long[] plainStalled = medians(stalled.get(0));
        long[] proxyStalled = medians(stalled.get(1));
        long[] defaultsStalled = medians(stalled.get(2));
        long[] tightStalled = medians(stalled.get(3));
        System.out.printf(
            "%n   target stalled %,d ms, at %,d reads/s offered (latency from each read's scheduled"
                + " start)%n",
            stallMs, rate);
        print("plain HikariCP (source only)", plainStalled, stalled.get(0));
        print("DualWriteDataSource, no shadow", proxyStalled, stalled.get(1));
        print("+ shadow, default settings", defaultsStalled, stalled.get(2));
        print("+ shadow, 2 workers, 200 ms", tightStalled, stalled.get(3));
        double ratioDefaults = ratio(defaultsStalled, proxyStalled, 1);
        double ratioTight = ratio(tightStalled, proxyStalled, 1);
        System.out.printf(
            "   ratio default shadow/no shadow p50 latency %.3f   p99 latency %.3f%n",
            ratio(defaultsStalled, proxyStalled, 0), ratioDefaults);
        System.out.printf(
            "   ratio tight shadow/no shadow   p50 latency %.3f   p99 latency %.3f%n",
            ratio(tightStalled, proxyStalled, 0), ratioTight);
        // Taken now: comparisons still queued run against the slow target below.
        String defaultsOutcomes = outcomes(readers.get(0));
        String tightOutcomes = outcomes(readers.get(1));
        long timeouts = readers.get(0).count(ShadowOutcome.TIMEOUT);
        long tightTimeouts = readers.get(1).count(ShadowOutcome.TIMEOUT);
        System.out.printf("   default shadow outcomes        %s%n", defaultsOutcomes);
        System.out.printf("   tight shadow outcomes          %s%n", tightOutcomes);

        // Slow target: the shadows that run are compared in full.
        target.execute(slowView(delayMs));
        round(source.pool, closedLoop, warmUp);
        round(slow, closedLoop, warmUp);
        round(proxy, closedLoop, warmUp);
        List<DataSource> slowSides = List.of(source.pool, proxy, slow);
        List<List<long[]>> closed = alternate(slowSides, closedLoop, rounds, seconds);
        List<List<long[]>> atRate = alternate(slowSides, paced, rounds, seconds);
        long[] plainClosed = medians(closed.get(0));
        long[] proxyClosed = medians(closed.get(1));
        long[] slowClosed = medians(closed.get(2));
        long[] plainPaced = medians(atRate.get(0));
        long[] proxyPaced = medians(atRate.get(1));
        long[] slowPaced = medians(atRate.get(2));
        System.out.printf(
            "%n   target slowed %d ms, 2 workers, limit %d ms, at %,d reads/s offered%n",
            delayMs, slowLimit.toMillis(), rate);
        printSlowTarget(atRate, plainPaced, proxyPaced, slowPaced);
        double ratioSlow = ratio(slowPaced, proxyPaced, 1);
        System.out.printf(
            "%n   the same, closed loop (%d readers, one read after another)%n", threads);
        printSlowTarget(closed, plainClosed, proxyClosed, slowClosed);
        System.out.printf("   shadow outcomes                %s%n", outcomes(readers.get(2)));

        result
            .baseline("p50_ms", proxyStalled[0] / 1000.0)
            .baseline("p99_ms", proxyStalled[1] / 1000.0)
            .baseline("plain_p50_ms", plainStalled[0] / 1000.0)
            .baseline("plain_p99_ms", plainStalled[1] / 1000.0)
            .baseline("slow_p99_ms", proxyPaced[1] / 1000.0)
            .baseline("slow_closed_loop_p99_ms", proxyClosed[1] / 1000.0)
            .zdm("p50_ms", defaultsStalled[0] / 1000.0)
            .zdm("p99_ms", defaultsStalled[1] / 1000.0)
            .zdm("tight_p50_ms", tightStalled[0] / 1000.0)
            .zdm("tight_p99_ms", tightStalled[1] / 1000.0)
            .zdm("slow_p99_ms", slowPaced[1] / 1000.0)
            .zdm("slow_closed_loop_p99_ms", slowClosed[1] / 1000.0)
            .zdm("shadow_outcomes", defaultsOutcomes)
            .zdm("tight_shadow_outcomes", tightOutcomes)
            .zdm("slow_shadow_outcomes", outcomes(readers.get(2)));
        result.target(
            "caller p99 read latency at "
                + String.format("%,d", rate)
                + " reads/s, target stalled past the time limit: shadow reads (defaults) vs none",
            "p99 " + Distribution.millis(proxyStalled[1]) + " (DualWriteDataSource, no shadow)",
            "p99 "
                + Distribution.millis(defaultsStalled[1])
                + " ("
                + timeouts
                + " shadows timed out)",
            ratioDefaults,
            "shadow/no shadow (lower is better)",
            "<= 1.10, shadows time out",
            ratioDefaults <= 1.10 && timeouts > 0);
        result.info(
            "the same, 2 workers and a 200 ms limit",
            "p99 " + Distribution.millis(proxyStalled[1]),
            "p99 " + Distribution.millis(tightStalled[1]) + " (" + tightTimeouts + " timed out)",
            ratioTight,
            "shadow/no shadow (lower is better)");
        result.info(
            "the same against a plain HikariCP pool (defaults)",
            "p99 " + Distribution.millis(plainStalled[1]),
            "p99 " + Distribution.millis(defaultsStalled[1]),
            ratio(defaultsStalled, plainStalled, 1),
            "zdm/plain p99 (lower is better)");
        result.info(
            "target slowed " + delayMs + " ms, answering within the limit: p99",
            "p99 " + Distribution.millis(proxyPaced[1]) + " (no shadow)",
            "p99 "
                + Distribution.millis(slowPaced[1])
                + " ("
                + readers.get(2).count(ShadowOutcome.MATCH)
                + " compared)",
            ratioSlow,
            "shadow/no shadow (lower is better)");
        result.info(
            "the same, closed loop p99, " + threads + " readers saturating the machine",
            "p99 " + Distribution.millis(proxyClosed[1]) + " (no shadow)",
            "p99 " + Distribution.millis(slowClosed[1]),
            ratio(slowClosed, proxyClosed, 1),
            "shadow/no shadow (lower is better)");
        result.info(
            "closed loop reads/s",
            String.format("%,d", perSecond(closed.get(1), seconds)) + " (no shadow)",
            String.format("%,d", perSecond(closed.get(2), seconds)),
            (double) perSecond(closed.get(2), seconds) / perSecond(closed.get(1), seconds),
            "shadow/no shadow reads/s");
        result.info("shadow outcomes, stalled, defaults", "", defaultsOutcomes, null, "");
        result.info("shadow outcomes, slow", "", outcomes(readers.get(2)), null, "");
        result.note(
            "The target is judged as the issue states it: the target slower than the shadow time"
                + " limit, at a fixed offered rate below saturation, between the same DataSource"
                + " with and without shadow reads. Both databases and the readers share this"
                + " machine's two cores, so the CPU each shadow costs (the worker's, and the"
                + " target server's for the statement and its cancellation) lands on the same"
                + " cores as the reads measured; the tighter settings and the slow target, which"
                + " run ten to forty shadows a second, show that cost.");
        return result;
      } finally {
        readers.forEach(ShadowReader::close);
      }
    }
  }

  /** The slow target's three sides (plain pool, no shadow, shadow) and the shadow's ratios. */
  private static void printSlowTarget(
      List<List<long[]>> rounds, long[] plain, long[] proxy, long[] shadow) {
    print("plain HikariCP (source only)", plain, rounds.get(0));
    print("DualWriteDataSource, no shadow", proxy, rounds.get(1));
    print("DualWriteDataSource + shadow", shadow, rounds.get(2));
    System.out.printf(
        "   ratio shadow/no shadow         p50 latency %.3f   p99 latency %.3f%n",
        ratio(shadow, proxy, 0), ratio(shadow, proxy, 1));
  }

  /** The target's view of the orders: every statement reading it sleeps first. */
  private static String slowView(int delayMs) {
    return "CREATE OR REPLACE VIEW orders AS SELECT o.* FROM orders_data o,"
        + " (SELECT pg_sleep("
        + delayMs / 1000.0
        + ")) AS slow";
  }

  private static DualWriteDataSource dataSource(
      BenchDatabase source, BenchDatabase target, PhaseState phase, ShadowReads shadowReads) {
    DualWriteDataSource.Builder builder =
        DualWriteDataSource.builder(MIGRATION)
            .source(source.pool)
            .target(target.pool)
            .phaseReader(() -> phase);
    if (shadowReads != null) {
      builder.shadowReads(shadowReads);
    }
    return builder.build();
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
