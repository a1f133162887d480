package dev.zdm.relay;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The relay's meters, prefixed {@code zdm.} and tagged with the migration. Thread-safe. */
final class RelayMetrics {

  final Counter changesApplied;
  final Counter rowsApplied;
  final Counter retries;
  final Counter deadLetters;
  final Counter fenced;
  final Counter deferred;
  final DistributionSummary batchSize;
  final Timer batchDuration;
  final Timer replicationLatency;
  private final AtomicLong depth = new AtomicLong();
  private final AtomicLong lagMillis = new AtomicLong();
  private final AtomicInteger partitionsHeld = new AtomicInteger();

  RelayMetrics(MeterRegistry registry, String migration, CircuitBreaker breaker) {
    Tags tags = Tags.of("migration", migration);
    changesApplied =
        Counter.builder("zdm.relay.changes.applied")
            .description("captured changes applied to the target")
            .tags(tags)
            .register(registry);
    rowsApplied =
        Counter.builder("zdm.relay.rows.applied")
            .description("distinct rows written or deleted on the target")
            .tags(tags)
            .register(registry);
    retries =
        Counter.builder("zdm.relay.retries")
            .description("batch attempts retried")
            .tags(tags)
            .register(registry);
    deadLetters =
        Counter.builder("zdm.relay.dead.letters")
            .description("changes parked")
            .tags(tags)
            .register(registry);
    fenced =
        Counter.builder("zdm.relay.fenced")
            .description("batches refused because another worker took the partition")
            .tags(tags)
            .register(registry);
    deferred =
        Counter.builder("zdm.relay.deferred")
            .description(
                "row applications put off because a referenced row's change was still pending"
                    + " in another partition")
            .tags(tags)
            .register(registry);
    batchSize =
        DistributionSummary.builder("zdm.relay.batch.size")
            .description("changes per applied batch")
            .tags(tags)
            .register(registry);
    batchDuration =
        Timer.builder("zdm.relay.batch.duration")
            .description("time to apply one batch")
            .tags(tags)
            .register(registry);
    replicationLatency =
        Timer.builder("zdm.relay.replication.latency")
            .description("time from capture to the target's commit, per change")
            .tags(tags)
            .register(registry);
    Gauge.builder("zdm.outbox.depth", depth, AtomicLong::get)
        .description("changes waiting in the outbox")
        .tags(tags)
        .register(registry);
    TimeGauge.builder("zdm.relay.lag", lagMillis, TimeUnit.MILLISECONDS, AtomicLong::get)
        .description("age of the oldest pending change")
        .tags(tags)
        .register(registry);
    Gauge.builder("zdm.relay.partitions.held", partitionsHeld, AtomicInteger::get)
        .description("partitions this process's workers hold")
        .tags(tags)
        .register(registry);
    Gauge.builder("zdm.relay.breaker.state", breaker, b -> stateCode(b.getState()))
        .description("0 closed, 1 open, 2 half-open, 3 other")
        .tags(tags)
        .register(registry);
  }

  void backlog(OutboxStore.Backlog backlog) {
    depth.set(backlog.pending());
    lagMillis.set(
        backlog
            .oldest()
            .map(oldest -> Math.max(0, Duration.between(oldest, backlog.now()).toMillis()))
            .orElse(0L));
  }

  void partitionsHeld(int delta) {
    partitionsHeld.addAndGet(delta);
  }

  long depth() {
    return depth.get();
  }

  Duration lag() {
    return Duration.ofMillis(lagMillis.get());
  }

  void latency(Instant capturedAt, Instant appliedAt) {
    replicationLatency.record(Duration.between(capturedAt, appliedAt).abs());
  }

  private static int stateCode(CircuitBreaker.State state) {
    return switch (state) {
      case CLOSED -> 0;
      case OPEN -> 1;
      case HALF_OPEN -> 2;
      default -> 3;
    };
  }
}
