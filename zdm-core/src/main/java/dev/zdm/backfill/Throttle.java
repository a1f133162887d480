package dev.zdm.backfill;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when the next chunk may start: not while paused, not while a back-off probe is over its
 * limit, and not before the rate limit allows. Shared by all of a backfill's workers. Thread-safe.
 */
final class Throttle {

  /** What a waiting worker does now and then: renew its lease; false when it lost it. */
  interface KeepAlive {
    boolean renew();
  }

  private static final Logger log = LoggerFactory.getLogger(Throttle.class);
  private static final Duration SLICE = Duration.ofMillis(20);

  private final String migration;
  private final Clock clock;
  private final Sleeper sleeper;
  private final List<BackoffProbe> probes;
  private final long probeIntervalMillis;
  private final Reporter reporter;
  private volatile boolean paused;
  private volatile double rowsPerSecond;
  private double nextAllowedMillis;
  private long probesCheckedAt = Long.MIN_VALUE;
  private String overProbe;

  /** Where waits are reported: metrics and the listener. */
  interface Reporter {
    void throttled(String reason, Duration waited);
  }

  Throttle(
      String migration,
      Clock clock,
      Sleeper sleeper,
      List<BackoffProbe> probes,
      Duration probeInterval,
      double rowsPerSecond,
      Reporter reporter) {
    this.migration = migration;
    this.clock = clock;
    this.sleeper = sleeper;
    this.probes = List.copyOf(probes);
    this.probeIntervalMillis = probeInterval.toMillis();
    this.rowsPerSecond = rowsPerSecond;
    this.reporter = reporter;
  }

  void pause() {
    paused = true;
  }

  void resume() {
    paused = false;
  }

  boolean paused() {
    return paused;
  }

  void rowsPerSecond(double rate) {
    synchronized (this) {
      rowsPerSecond = rate;
      nextAllowedMillis = Math.min(nextAllowedMillis, clock.millis());
    }
  }

  double rowsPerSecond() {
    return rowsPerSecond;
  }

  /**
   * Waits until a chunk may start.
   *
   * @return false if the caller should stop: {@code stopping} turned true or the lease was lost
   */
  boolean awaitTurn(BooleanSupplier stopping, KeepAlive keepAlive) {
    if (!waitWhile("paused", () -> paused, stopping, keepAlive)) {
      return false;
    }
    if (!waitWhile(null, this::probeOverLimit, stopping, keepAlive)) {
      return false;
    }
    return waitWhile("rate-limit", this::rateLimited, stopping, keepAlive);
  }

  /** Charges copied rows to the rate limit. */
  void charge(int rows) {
    double rate = rowsPerSecond;
    if (rate <= 0 || rows <= 0) {
      return;
    }
    synchronized (this) {
      nextAllowedMillis = Math.max(nextAllowedMillis, clock.millis()) + rows * 1000.0 / rate;
    }
  }

  private boolean rateLimited() {
    if (rowsPerSecond <= 0) {
      return false;
    }
    synchronized (this) {
      return clock.millis() < nextAllowedMillis;
    }
  }

  private boolean probeOverLimit() {
    synchronized (this) {
      long now = clock.millis();
      if (probesCheckedAt != Long.MIN_VALUE && now - probesCheckedAt < probeIntervalMillis) {
        return overProbe != null;
      }
      probesCheckedAt = now;
      String over = null;
      for (BackoffProbe probe : probes) {
        boolean isOver;
        try {
          isOver = probe.overLimit();
        } catch (RuntimeException e) {
          log.warn("{}: backfill probe {} failed; backing off", migration, probe.name(), e);
          isOver = true;
        }
        if (isOver) {
          over = probe.name();
          break;
        }
      }
      if (over != null && overProbe == null) {
        log.info("{}: backfill backs off: {} is over its limit", migration, over);
      } else if (over == null && overProbe != null) {
        log.info("{}: backfill goes on: {} is back under its limit", migration, overProbe);
      }
      overProbe = over;
      return over != null;
    }
  }

  private String currentProbe() {
    synchronized (this) {
      return overProbe == null ? "probe" : overProbe;
    }
  }

  private boolean waitWhile(
      String reason, BooleanSupplier condition, BooleanSupplier stopping, KeepAlive keepAlive) {
    if (!condition.getAsBoolean()) {
      return !stopping.getAsBoolean();
    }
    String why = reason != null ? reason : currentProbe();
    long started = clock.millis();
    long lastRenew = started;
    try {
      while (condition.getAsBoolean()) {
        if (stopping.getAsBoolean()) {
          return false;
        }
        long now = clock.millis();
        if (now - lastRenew >= 1000) {
          if (!keepAlive.renew()) {
            return false;
          }
          lastRenew = now;
        }
        sleeper.sleep(SLICE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      reporter.throttled(why, Duration.ofMillis(clock.millis() - started));
    }
    return !stopping.getAsBoolean();
  }
}
