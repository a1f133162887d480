package dev.zdm.verify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The verifier's meters, tagged {@code migration} and {@code table}: {@code zdm.verify.chunks}
 * (chunks compared), {@code zdm.verify.chunks.mismatched} (chunks whose digests differed), {@code
 * zdm.verify.rows} (source rows compared), {@code zdm.verify.differences} (differences reported,
 * also tagged {@code kind}), and the timer {@code zdm.verify.chunk.time}. Thread-safe.
 */
final class VerifyMetrics {

  private final MeterRegistry registry;
  private final String migration;
  private final ConcurrentMap<String, Meters> byTable = new ConcurrentHashMap<>();

  VerifyMetrics(MeterRegistry registry, String migration) {
    this.registry = registry;
    this.migration = migration;
  }

  private record Meters(Counter chunks, Counter mismatched, Counter rows, Timer chunkTime) {}

  private Meters of(String table) {
    return byTable.computeIfAbsent(
        table,
        t ->
            new Meters(
                Counter.builder("zdm.verify.chunks")
                    .description("chunks compared")
                    .tags("migration", migration, "table", t)
                    .register(registry),
                Counter.builder("zdm.verify.chunks.mismatched")
                    .description("chunks whose count or digest differed between the sides")
                    .tags("migration", migration, "table", t)
                    .register(registry),
                Counter.builder("zdm.verify.rows")
                    .description("source rows compared")
                    .tags("migration", migration, "table", t)
                    .register(registry),
                Timer.builder("zdm.verify.chunk.time")
                    .description("time to compare one chunk, bisection included")
                    .tags("migration", migration, "table", t)
                    .register(registry)));
  }

  void chunk(String table, long rows, boolean equal, Duration took) {
    Meters meters = of(table);
    meters.chunks().increment();
    if (!equal) {
      meters.mismatched().increment();
    }
    meters.rows().increment(rows);
    meters.chunkTime().record(took);
  }

  void difference(String table, Difference.Kind kind) {
    Counter.builder("zdm.verify.differences")
        .description("differences reported")
        .tags(
            "migration",
            migration,
            "table",
            table,
            "kind",
            kind.name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
  }
}
