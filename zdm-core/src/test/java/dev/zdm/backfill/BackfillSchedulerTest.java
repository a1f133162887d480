package dev.zdm.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's throttling, adaptation, metrics and events, on made-up time: the clock and the
 * sleeper are one {@link TestTime}, so waits of seconds are exact and instant.
 */
class BackfillSchedulerTest {

  private final TestTime time = new TestTime();
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final Events events = new Events();

  private BackfillScheduler.Builder scheduler(BackfillConfig config, ChunkCopier... copiers) {
    BackfillScheduler.Builder builder =
        BackfillScheduler.builder("m1")
            .config(config)
            .leases(new InMemoryLeases(time))
            .clock(time)
            .sleeper(time)
            .meterRegistry(registry)
            .listener(events);
    for (ChunkCopier copier : copiers) {
      builder.copier(copier);
    }
    return builder;
  }

  private static BackfillConfig.Builder fixedChunks(int rows) {
    return BackfillConfig.builder().maxConcurrency(1).rangesPerTable(4).chunkSize(rows, rows, rows);
  }

  private double throttledSeconds(String reason) {
    var timer = registry.find("zdm.backfill.throttled").tag("reason", reason).timer();
    return timer == null ? 0 : timer.totalTime(TimeUnit.MILLISECONDS) / 1000.0;
  }

  @Test
  void theRateLimitHoldsAndItsWaitsAreCountedAsThrottledTime() {
    KeyListCopier table = new KeyListCopier("t", 10_000, time, Duration.ZERO);
    try (BackfillScheduler s =
        scheduler(fixedChunks(500).rowsPerSecond(1000).build(), table).build()) {
      s.run();
    }
    // The first chunk goes at once; each later one waits for the 500 rows before it at 1000/s.
    assertThat(time.elapsed().toMillis()).isBetween(9_500L, 9_600L);
    assertThat(throttledSeconds("rate-limit")).isCloseTo(9.5, within(0.1));
    assertThat(events.throttledMillis("rate-limit")).isBetween(9_500L, 9_600L);
    assertThat(table.rowsCopied()).isEqualTo(10_000);
  }

  @Test
  void aRateChangedAtRuntimeTakesEffect() {
    KeyListCopier table = new KeyListCopier("t", 10_000, time, Duration.ZERO);
    try (BackfillScheduler s =
        scheduler(fixedChunks(500).rowsPerSecond(100).build(), table).build()) {
      events.onChunk =
          n -> {
            if (n == 2) {
              s.rowsPerSecond(10_000);
            }
          };
      s.run();
    }
    // 2 chunks at 100/s (one wait of 5 s), then 18 at 10,000/s (waits of 50 ms).
    assertThat(time.elapsed().toMillis()).isBetween(5_000L + 17 * 50, 5_000L + 19 * 50 + 100);
  }

  @Test
  void noChunkStartsWhilePausedAndThePauseIsCountedAsThrottledTime() {
    KeyListCopier table = new KeyListCopier("t", 2_000, time, Duration.ofMillis(1));
    try (BackfillScheduler s = scheduler(fixedChunks(500).build(), table).build()) {
      s.pause();
      assertThat(s.paused()).isTrue();
      s.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> time.elapsed().toSeconds() >= 120);
      assertThat(table.chunks).as("chunks while paused").isEmpty();
      s.resume();
      assertThat(s.awaitCompletion(Duration.ofSeconds(20))).isTrue();
      assertThat(s.paused()).isFalse();
      assertThat(s.throttledTime().toSeconds()).isGreaterThanOrEqualTo(120);
    }
    assertThat(throttledSeconds("paused")).isGreaterThanOrEqualTo(120);
    assertThat(events.throttledMillis("paused")).isGreaterThanOrEqualTo(120_000);
    assertThat(table.rowsCopied()).isEqualTo(2_000);
  }

  @Test
  void pausingMidwayStopsNewChunksUntilResumed() {
    KeyListCopier table = new KeyListCopier("t", 5_000, time, Duration.ofMillis(1));
    AtomicInteger chunksWhenPaused = new AtomicInteger(-1);
    try (BackfillScheduler s = scheduler(fixedChunks(250).build(), table).build()) {
      events.onChunk =
          n -> {
            if (n == 3) {
              s.pause();
              chunksWhenPaused.set(n);
            }
          };
      s.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> time.elapsed().toSeconds() >= 60);
      assertThat(table.chunks).hasSize(3);
      s.resume();
      assertThat(s.awaitCompletion(Duration.ofSeconds(20))).isTrue();
    }
    assertThat(table.chunks).hasSize(20);
    assertThat(table.rowsCopied()).isEqualTo(5_000);
  }

  @Test
  void aProbeOverItsLimitHoldsTheBackfillBackUntilItIsUnderIt() {
    KeyListCopier table = new KeyListCopier("t", 2_000, time, Duration.ofMillis(1));
    BackoffProbe lagging =
        new BackoffProbe() {
          @Override
          public String name() {
            return "relay-lag";
          }

          @Override
          public boolean overLimit() {
            return time.elapsed().toSeconds() < 30;
          }
        };
    BackfillConfig config = fixedChunks(500).probeInterval(Duration.ofMillis(500)).build();
    try (BackfillScheduler s = scheduler(config, table).probe(lagging).build()) {
      s.run();
    }
    assertThat(table.chunks.get(0).startedAt()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(throttledSeconds("relay-lag")).isBetween(30.0, 31.0);
    assertThat(events.throttledMillis("relay-lag")).isBetween(30_000L, 31_000L);
  }

  @Test
  void aProbeThatFailsCountsAsOverItsLimit() {
    KeyListCopier table = new KeyListCopier("t", 1_000, time, Duration.ofMillis(1));
    BackoffProbe broken =
        new BackoffProbe() {
          @Override
          public String name() {
            return "source-health";
          }

          @Override
          public boolean overLimit() {
            if (time.elapsed().toSeconds() < 10) {
              throw new IllegalStateException("health query failed");
            }
            return false;
          }
        };
    BackfillConfig config = fixedChunks(500).probeInterval(Duration.ofSeconds(1)).build();
    try (BackfillScheduler s = scheduler(config, table).probe(broken).build()) {
      s.run();
    }
    assertThat(table.chunks.get(0).startedAt()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(throttledSeconds("source-health")).isGreaterThanOrEqualTo(10.0);
  }

  @Test
  void chunkSizesAdaptSoThatTheP95LockTimeStaysWithinTwiceTheTarget() {
    // 0.1 ms per row: the 50 ms target is about 500 rows, from a first chunk of 20.
    KeyListCopier table = new KeyListCopier("t", 100_000, time, Duration.ofNanos(100_000));
    BackfillConfig config =
        BackfillConfig.builder()
            .maxConcurrency(1)
            .rangesPerTable(2)
            .chunkSize(20, 10, 20_000)
            .chunkTimeTarget(Duration.ofMillis(50))
            .build();
    try (BackfillScheduler s = scheduler(config, table).build()) {
      s.run();
    }
    List<Long> micros = new ArrayList<>();
    for (Duration lock : events.lockTimes) {
      micros.add(lock.toNanos() / 1000);
    }
    Collections.sort(micros);
    long p95 = micros.get((int) Math.ceil(micros.size() * 0.95) - 1);
    assertThat(p95).as("p95 lock time in µs").isBetween(25_000L, 100_000L);
    assertThat(micros.get(micros.size() - 1)).as("longest chunk").isLessThanOrEqualTo(100_000);
    var sizes = registry.find("zdm.backfill.chunk.size").summary();
    assertThat(sizes.totalAmount()).isEqualTo(100_000);
    assertThat(sizes.max()).isBetween(300.0, 1000.0);
  }

  @Test
  void metersCountWhatHappened() {
    KeyListCopier table = new KeyListCopier("orders", 4_000, time, Duration.ofMillis(1));
    table.failAttempt = n -> n == 2; // one failed chunk, retried
    table.fenceAttempt = n -> n == 5; // one chunk finding its range taken over
    try (BackfillScheduler s = scheduler(fixedChunks(500).build(), table).build()) {
      BackfillProgress done = s.run();
      assertThat(done.done()).isTrue();
      assertThat(done.rowsCopied()).isEqualTo(4_000);
    }
    assertThat(registry.get("zdm.backfill.rows.copied").tag("table", "orders").counter().count())
        .isEqualTo(4_000);
    assertThat(registry.get("zdm.backfill.ranges.done").tag("table", "orders").gauge().value())
        .isEqualTo(4);
    assertThat(registry.get("zdm.backfill.percent").tag("table", "orders").gauge().value())
        .isEqualTo(100);
    assertThat(registry.get("zdm.backfill.retries").tag("table", "orders").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("zdm.backfill.fenced").tag("migration", "m1").counter().count())
        .isEqualTo(1);
    var chunkTime = registry.get("zdm.backfill.chunk.duration").tag("table", "orders").timer();
    assertThat(chunkTime.count()).isEqualTo(8);
    assertThat(chunkTime.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(4_000);
    assertThat(registry.get("zdm.backfill.chunk.size").summary().count()).isEqualTo(8);
    assertThat(registry.get("zdm.backfill.rows.per.second").gauge().value()).isPositive();
    assertThat(table.rowsCopied()).isEqualTo(4_000);
  }

  @Test
  void theListenerHearsEveryChunkRangeAndTheCompletion() {
    KeyListCopier table = new KeyListCopier("t", 3_000, time, Duration.ofMillis(1));
    try (BackfillScheduler s = scheduler(fixedChunks(400).build(), table).build()) {
      s.run();
    }
    assertThat(events.chunkRows.get()).isEqualTo(3_000);
    assertThat(events.chunks.get()).isEqualTo(table.chunks.size());
    assertThat(events.rangesDone.get()).isEqualTo(4);
    assertThat(events.completed.get()).isEqualTo(1);
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheBackfill() {
    KeyListCopier table = new KeyListCopier("t", 1_000, time, Duration.ofMillis(1));
    events.onChunk =
        n -> {
          throw new IllegalStateException("listener bug");
        };
    try (BackfillScheduler s = scheduler(fixedChunks(100).build(), table).build()) {
      assertThat(s.run().done()).isTrue();
    }
    assertThat(table.rowsCopied()).isEqualTo(1_000);
  }

  @Test
  void theProgressLineIsReportedAtItsInterval() {
    // 100 chunks of 100 ms each: 10 s of copying, a line every second.
    KeyListCopier table = new KeyListCopier("orders", 10_000, time, Duration.ofMillis(1));
    BackfillConfig config = fixedChunks(100).progressLogInterval(Duration.ofSeconds(1)).build();
    try (BackfillScheduler s = scheduler(config, table).build()) {
      s.run();
    }
    assertThat(events.progressLines).hasSizeBetween(9, 11);
    assertThat(events.progressLines.get(0))
        .matches(
            "backfill \\d+\\.\\d% - \\d+ of ~10000 rows, \\d+ rows/s, ETA \\d+ s;"
                + " orders \\d+\\.\\d% \\(\\d/4 ranges\\)");
  }

  @Test
  void theProgressLineShowsEveryTableAndOverallFigures() {
    BackfillProgress p =
        new BackfillProgress(
            List.of(
                new BackfillProgress.Table("orders", 4, 2, 500, 1000, 100),
                new BackfillProgress.Table("customers", 2, 0, 0, 1000, 0)),
            500,
            2000,
            100,
            false);
    assertThat(BackfillScheduler.progressLine(p))
        .isEqualTo(
            "backfill 25.0% - 500 of ~2000 rows, 100 rows/s, ETA 15 s;"
                + " orders 50.0% (2/4 ranges) customers 0.0% (0/2 ranges)");
  }

  @Test
  void severalTablesAreCopiedAtOnceTakingTurns() {
    KeyListCopier orders = new KeyListCopier("orders", 2_000, time, Duration.ofMillis(1));
    KeyListCopier customers = new KeyListCopier("customers", 2_000, time, Duration.ofMillis(1));
    BackfillConfig config = fixedChunks(250).maxConcurrency(2).build();
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    events.onChunkTable = order::add;
    try (BackfillScheduler s = scheduler(config, orders, customers).build()) {
      BackfillProgress done = s.run();
      assertThat(done.tables())
          .extracting(BackfillProgress.Table::table)
          .containsExactly("orders", "customers");
      assertThat(done.tables()).allMatch(t -> t.rowsCopied() == 2_000 && t.rangesDone() == 4);
    }
    // Neither table waits for the other to finish.
    int firstCustomers = order.indexOf("customers");
    int lastOrders = order.lastIndexOf("orders");
    assertThat(firstCustomers).isLessThan(lastOrders);
  }

  @Test
  void aBackfillWhoseRangesAreAllDoneCompletesWithoutAChunk() {
    KeyListCopier table = new KeyListCopier("t", 1_000, time, Duration.ofMillis(1));
    try (BackfillScheduler s = scheduler(fixedChunks(500).build(), table).build()) {
      s.run();
    }
    int chunks = table.chunks.size();
    try (BackfillScheduler again = scheduler(fixedChunks(500).build(), table).build()) {
      assertThat(again.run().done()).isTrue();
    }
    assertThat(table.chunks).hasSize(chunks);
  }

  @Test
  void aChunkThatKeepsFailingStopsTheBackfillAndItsFailureIsReported() {
    KeyListCopier table = new KeyListCopier("t", 1_000, time, Duration.ofMillis(1));
    table.failAttempt = n -> true;
    try (BackfillScheduler s =
        scheduler(fixedChunks(500).retryAttempts(2).build(), table).build()) {
      assertThat(s.failure()).isEmpty();
      s.start();
      assertThat(s.awaitCompletion(Duration.ofSeconds(30))).isFalse();
      await().atMost(Duration.ofSeconds(30)).until(() -> s.failure().isPresent());
      assertThat(s.failure().orElseThrow()).hasStackTraceContaining("chunk failed");
    }
  }

  @Test
  void theLeaseIsRenewedBetweenTheRetriesOfAChunkThatOutlastTheLeaseTime() {
    KeyListCopier table = new KeyListCopier("t", 4_000, time, Duration.ofMillis(1));
    table.failAttempt = n -> n <= 4; // retried after 0.1 + 0.2 + 0.4 + 0.8 s: longer than the lease
    InMemoryLeases leases = new InMemoryLeases(time);
    BackfillConfig config =
        fixedChunks(500).leaseTtl(Duration.ofSeconds(1)).retryAttempts(5).build();
    try (BackfillScheduler s = scheduler(config, table).leases(leases).build()) {
      assertThat(s.run().done()).isTrue();
    }
    // token 1: the range was never lost and acquired again
    assertThat(leases.list("m1", "")).isNotEmpty().allSatisfy(l -> assertThat(l.token()).isOne());
  }

  /** Records what the listener hears. */
  private static final class Events implements BackfillListener {
    final AtomicInteger chunks = new AtomicInteger();
    final AtomicLong chunkRows = new AtomicLong();
    final AtomicInteger rangesDone = new AtomicInteger();
    final AtomicInteger completed = new AtomicInteger();
    final List<Duration> lockTimes = Collections.synchronizedList(new ArrayList<>());
    final List<String> progressLines = Collections.synchronizedList(new ArrayList<>());
    final List<String[]> throttled = Collections.synchronizedList(new ArrayList<>());
    volatile java.util.function.IntConsumer onChunk = n -> {};
    volatile java.util.function.Consumer<String> onChunkTable = t -> {};

    @Override
    public void chunkCopied(String migration, Checkpoint checkpoint, int rows, Duration lockTime) {
      chunkRows.addAndGet(rows);
      lockTimes.add(lockTime);
      onChunkTable.accept(checkpoint.table());
      onChunk.accept(chunks.incrementAndGet());
    }

    @Override
    public void rangeDone(String migration, Checkpoint checkpoint) {
      rangesDone.incrementAndGet();
    }

    @Override
    public void throttled(String migration, String reason, Duration waited) {
      throttled.add(new String[] {reason, Long.toString(waited.toMillis())});
    }

    @Override
    public void progressReported(String migration, BackfillProgress progress, String line) {
      progressLines.add(line);
    }

    @Override
    public void completed(String migration, BackfillProgress progress) {
      completed.incrementAndGet();
    }

    long throttledMillis(String reason) {
      synchronized (throttled) {
        return throttled.stream()
            .filter(t -> t[0].equals(reason))
            .mapToLong(t -> Long.parseLong(t[1]))
            .sum();
      }
    }
  }
}
