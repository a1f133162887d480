package dev.zdm.jdbc;

import dev.zdm.ZdmException;
import dev.zdm.backfill.BackfillConfig;
import dev.zdm.backfill.BackfillListener;
import dev.zdm.backfill.BackfillProgress;
import dev.zdm.backfill.BackfillScheduler;
import dev.zdm.backfill.BackoffProbe;
import dev.zdm.jdbc.outbox.JdbcLeaseStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * What a {@link Backfill} and an {@link InPlaceJob} share: the chunk engine and its controls at
 * runtime. Thread-safe.
 */
abstract class ChunkedWork implements AutoCloseable {

  private final BackfillScheduler scheduler;

  ChunkedWork(BackfillScheduler scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * The engine's builder with the settings both kinds of work take; leases live in {@code leases}.
   */
  static BackfillScheduler.Builder engine(
      String name,
      ZdmDatabase leases,
      BackfillConfig config,
      Clock clock,
      MeterRegistry meterRegistry,
      BackfillListener listener,
      String owner,
      ThreadFactory threadFactory,
      List<BackoffProbe> probes) {
    BackfillScheduler.Builder scheduler =
        BackfillScheduler.builder(name)
            .config(config)
            .leases(new JdbcLeaseStore(leases, clock))
            .clock(clock)
            .meterRegistry(meterRegistry)
            .listener(listener)
            .owner(owner);
    if (threadFactory != null) {
      scheduler.threadFactory(threadFactory);
    }
    probes.forEach(scheduler::probe);
    return scheduler;
  }

  /**
   * Plans or loads the ranges and runs the work to its end in this process (with any others).
   *
   * @return the final progress
   * @throws ZdmException if a chunk kept failing, naming the table and the cause
   */
  public BackfillProgress run() {
    return scheduler.run();
  }

  /** Plans or loads the ranges and starts the workers; see {@link BackfillScheduler#start()}. */
  public void start() {
    scheduler.start();
  }

  /**
   * Waits for the end of the work.
   *
   * @param timeout how long at most
   * @return true if every range is finished
   */
  public boolean awaitCompletion(Duration timeout) {
    return scheduler.awaitCompletion(timeout);
  }

  /** Lets no new chunk start until {@link #resume()}; chunks in flight finish. */
  public void pause() {
    scheduler.pause();
  }

  /** Lets chunks start again. */
  public void resume() {
    scheduler.resume();
  }

  /**
   * Changes the rate limit at runtime.
   *
   * @param rowsPerSecond rows (keys, for an in-place job) per second over this process's chunks; 0
   *     for none
   * @throws ZdmException if negative or not a number
   */
  public void rowsPerSecond(double rowsPerSecond) {
    scheduler.rowsPerSecond(rowsPerSecond);
  }

  /**
   * Returns the progress per table and overall.
   *
   * @return a snapshot
   */
  public BackfillProgress progress() {
    return scheduler.progress();
  }

  /**
   * Returns the engine, for its throttled time and other figures.
   *
   * @return the scheduler
   */
  public BackfillScheduler scheduler() {
    return scheduler;
  }

  /** Stops after the chunks in flight and releases this process's range leases. */
  @Override
  public void close() {
    scheduler.close();
  }
}
