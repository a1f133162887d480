package dev.zdm.backfill;

import java.time.Duration;

/**
 * How a backfill's workers wait: between throttle checks, before a chunk is retried, and while no
 * range is free. Injected so that tests drive time with a clock they move themselves, instead of
 * waiting in real time. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps on the calling thread with {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  /**
   * Waits for about the given time.
   *
   * @param duration how long; positive
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
