package dev.zdm.backfill;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The backfill's meters, prefixed {@code zdm.backfill.} and tagged with the migration and, where
 * they are per table, the table. Thread-safe.
 */
final class BackfillMetrics {

  private final MeterRegistry registry;
  private final String migration;
  private final Map<String, Timer> throttled = new ConcurrentHashMap<>();
  final Counter fenced;

  BackfillMetrics(MeterRegistry registry, String migration) {
    this.registry = registry;
    this.migration = migration;
    this.fenced =
        Counter.builder("zdm.backfill.fenced")
            .description("chunks refused because another process took the range")
            .tags(Tags.of("migration", migration))
            .register(registry);
  }

  /** The meters of one table. */
  final class TableMeters {
    final Counter rowsCopied;
    final Counter retries;
    final Timer chunkTime;
    final DistributionSummary chunkSize;

    TableMeters(String table, Supplier<BackfillProgress.Table> progress) {
      Tags tags = Tags.of("migration", migration, "table", table);
      rowsCopied =
          Counter.builder("zdm.backfill.rows.copied")
              .description("rows copied by this process")
              .tags(tags)
              .register(registry);
      retries =
          Counter.builder("zdm.backfill.retries")
              .description("chunk attempts retried")
              .tags(tags)
              .register(registry);
      chunkTime =
          Timer.builder("zdm.backfill.chunk.duration")
              .description("how long a chunk held its source locks")
              .publishPercentiles(0.5, 0.95, 0.99)
              .tags(tags)
              .register(registry);
      chunkSize =
          DistributionSummary.builder("zdm.backfill.chunk.size")
              .description("rows per chunk")
              .tags(tags)
              .register(registry);
      Gauge.builder("zdm.backfill.rows.per.second", progress, p -> p.get().rowsPerSecond())
          .description("this process's copy rate")
          .tags(tags)
          .register(registry);
      Gauge.builder("zdm.backfill.percent", progress, p -> p.get().percent())
          .description("share of the table's estimated rows copied")
          .tags(tags)
          .register(registry);
      Gauge.builder(
              "zdm.backfill.eta",
              progress,
              p -> p.get().eta().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN))
          .description("seconds left at the current rate; NaN while unknown")
          .baseUnit("seconds")
          .tags(tags)
          .register(registry);
      Gauge.builder("zdm.backfill.ranges.done", progress, p -> p.get().rangesDone())
          .description("finished ranges")
          .tags(tags)
          .register(registry);
    }
  }

  void throttled(String reason, Duration waited) {
    throttled
        .computeIfAbsent(
            reason,
            r ->
                Timer.builder("zdm.backfill.throttled")
                    .description("time chunks waited for a pause, a probe or the rate limit")
                    .tags(Tags.of("migration", migration, "reason", r))
                    .register(registry))
        .record(waited);
  }

  Duration throttledTotal() {
    double seconds = 0;
    for (Timer timer : throttled.values()) {
      seconds += timer.totalTime(java.util.concurrent.TimeUnit.SECONDS);
    }
    return Duration.ofMillis((long) (seconds * 1000));
  }
}
