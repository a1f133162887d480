package dev.zdm.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock and a sleeper that share one made-up time: sleeping moves the clock forward at once, so a
 * test of waits that would take minutes runs in milliseconds and measures them exactly.
 * Thread-safe.
 */
final class TestTime extends Clock implements Sleeper {

  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private long nanos;

  synchronized void advance(Duration by) {
    nanos += by.toNanos();
  }

  synchronized Duration elapsed() {
    return Duration.ofNanos(nanos);
  }

  @Override
  public void sleep(Duration duration) {
    advance(duration);
    Thread.yield();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public synchronized Instant instant() {
    return START.plusNanos(nanos);
  }
}
