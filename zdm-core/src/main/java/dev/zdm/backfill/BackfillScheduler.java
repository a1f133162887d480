package dev.zdm.backfill;

import dev.zdm.MigrationName;
import dev.zdm.ZdmException;
import dev.zdm.backfill.TableWork.RangeWork;
import dev.zdm.relay.FencedOutException;
import dev.zdm.relay.LeaseStore;
import dev.zdm.relay.LeaseStore.Lease;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the history of a migration's tables, range by range and chunk by chunk: plans (or loads)
 * each table's key ranges through its {@link ChunkCopier}, then runs {@link
 * BackfillConfig#maxConcurrency()} workers that lease ranges of any table, copy their chunks under
 * the {@link Throttle} (pause, back-off probes, rate limit) with chunk sizes adapted to the
 * chunk-time target, and release each range once it is finished. State lives in the checkpoints and
 * leases, so any number of processes share a backfill and a restarted one goes on where the
 * checkpoints stand.
 *
 * <p>Thread-safe. {@link #start()} starts the workers on threads from the configured factory;
 * {@link #close()} stops them after their chunks in flight and releases their leases.
 */
public final class BackfillScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BackfillScheduler.class);

  private final String migration;
  private final BackfillConfig config;
  private final List<ChunkCopier> copiers;
  private final LeaseStore leases;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ThreadFactory threadFactory;
  private final BackfillListener listener;
  private final BackfillMetrics metrics;
  private final Throttle throttle;
  private final String owner;
  private final List<TableWork> tables = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final AtomicLong nextProgressLog = new AtomicLong();
  private int nextTable;
  private volatile boolean stopping;
  private volatile boolean completed;

  private BackfillScheduler(Builder b) {
    this.migration = b.migration;
    this.config = b.config;
    this.copiers = List.copyOf(b.copiers);
    this.leases = b.leases;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.threadFactory = b.threadFactory;
    this.listener = b.listener;
    this.owner = b.owner;
    this.metrics = new BackfillMetrics(b.meterRegistry, migration);
    this.throttle =
        new Throttle(
            migration,
            clock,
            sleeper,
            b.probes,
            config.probeInterval(),
            config.rowsPerSecond(),
            (reason, waited) -> {
              metrics.throttled(reason, waited);
              notify(() -> listener.throttled(migration, reason, waited));
            });
  }

  /**
   * Starts building a scheduler for one migration.
   *
   * @param migration the migration's name
   * @return a builder
   * @throws ZdmException if the name is not valid
   */
  public static Builder builder(String migration) {
    return new Builder(migration);
  }

  /**
   * Plans or loads every table's ranges, then starts the workers. Calling it again does nothing.
   *
   * @throws ZdmException if planning fails or the scheduler was closed
   */
  public synchronized void start() {
    if (!threads.isEmpty() || completed) {
      return;
    }
    if (stopping) {
      throw new ZdmException(migration + ": a closed backfill cannot be started again");
    }
    for (ChunkCopier copier : copiers) {
      TableWork work =
          new TableWork(
              copier, copier.planOrLoad(config.rangesPerTable()), copier.estimatedRows(), clock);
      work.meters = metrics.new TableMeters(copier.table(), work::progress);
      tables.add(work);
      log.info(
          "{}: backfill of {}: {} range(s), {} already done, ~{} rows",
          migration,
          copier.table(),
          work.ranges.size(),
          work.progress().rangesDone(),
          work.estimatedRows);
    }
    nextProgressLog.set(clock.millis() + config.progressLogInterval().toMillis());
    if (allDone()) {
      complete();
      return;
    }
    for (int i = 0; i < config.maxConcurrency(); i++) {
      running.incrementAndGet();
      Thread thread = threadFactory.newThread(this::work);
      threads.add(thread);
      thread.start();
    }
  }

  /**
   * Starts, if not started, and waits until every range is finished.
   *
   * @return the final progress
   * @throws ZdmException if a chunk kept failing (with its cause), or the scheduler was closed
   *     before it finished
   */
  public BackfillProgress run() {
    start();
    try {
      finished.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ZdmException(migration + ": interrupted while waiting for the backfill", e);
    }
    RuntimeException failed = failure.get();
    if (failed != null) {
      throw new ZdmException(migration + ": backfill stopped: " + failed.getMessage(), failed);
    }
    if (!completed) {
      throw new ZdmException(migration + ": backfill was closed before it finished");
    }
    return progress();
  }

  /**
   * Waits until the backfill finishes, fails or is closed.
   *
   * @param timeout how long to wait at most
   * @return true if every range is finished
   */
  public boolean awaitCompletion(Duration timeout) {
    try {
      finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return completed;
  }

  /**
   * Returns why the backfill stopped, if a chunk kept failing. Thread-safe.
   *
   * @return the failure, empty while the backfill runs or after it finished
   */
  public Optional<RuntimeException> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** Lets no new chunk start until {@link #resume()}; chunks in flight finish. Thread-safe. */
  public void pause() {
    throttle.pause();
    log.info("{}: backfill paused", migration);
  }

  /** Lets chunks start again after {@link #pause()}. Thread-safe. */
  public void resume() {
    throttle.resume();
    log.info("{}: backfill resumed", migration);
  }

  /**
   * Tells whether the backfill is paused.
   *
   * @return true between {@link #pause()} and {@link #resume()}
   */
  public boolean paused() {
    return throttle.paused();
  }

  /**
   * Changes the rate limit at runtime.
   *
   * @param rowsPerSecond rows per second over this process's chunks; 0 for none
   * @throws ZdmException if negative or not a number
   */
  public void rowsPerSecond(double rowsPerSecond) {
    if (!(rowsPerSecond >= 0) || Double.isInfinite(rowsPerSecond)) {
      throw new ZdmException(
          "backfill.rowsPerSecond must be 0 (no limit) or a positive number, was " + rowsPerSecond);
    }
    throttle.rowsPerSecond(rowsPerSecond);
  }

  /**
   * Returns the progress so far; empty tables until {@link #start()}.
   *
   * @return a snapshot
   */
  public BackfillProgress progress() {
    List<BackfillProgress.Table> perTable = new ArrayList<>();
    long copied = 0;
    long estimated = 0;
    double rate = 0;
    boolean done;
    synchronized (this) {
      for (TableWork table : tables) {
        BackfillProgress.Table p = table.progress();
        perTable.add(p);
        copied += p.rowsCopied();
        estimated += p.estimatedRows();
        rate += p.rowsPerSecond();
      }
      done = completed;
    }
    return new BackfillProgress(perTable, copied, estimated, rate, done);
  }

  /**
   * Returns the time chunks waited for pauses, probes and the rate limit in this process.
   *
   * @return the total
   */
  public Duration throttledTime() {
    return metrics.throttledTotal();
  }

  /** Stops the workers after their chunks in flight and releases their leases. */
  @Override
  public void close() {
    stopping = true;
    List<Thread> toJoin;
    synchronized (this) {
      toJoin = List.copyOf(threads);
    }
    for (Thread thread : toJoin) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    finished.countDown();
  }

  private void work() {
    try {
      while (!stopping && failure.get() == null) {
        RangeWork range = claim();
        if (range == null) {
          if (allDone()) {
            break;
          }
          sleep(Math.min(500, config.leaseTtl().toMillis() / 10));
          continue;
        }
        try {
          Optional<Lease> lease =
              leases.acquire(
                  migration,
                  range.checkpoint.leaseResource(),
                  owner,
                  clock.instant().plus(config.leaseTtl()));
          if (lease.isEmpty()) {
            backOff(range);
            continue;
          }
          try {
            copyRange(range, lease.get());
          } finally {
            releaseQuietly(lease.get());
          }
        } finally {
          unclaim(range);
        }
      }
    } catch (RuntimeException e) {
      if (failure.compareAndSet(null, e)) {
        log.error("{}: backfill stopped: {}", migration, e.getMessage(), e);
      }
    } finally {
      if (allDone()) {
        complete();
      }
      if (running.decrementAndGet() == 0 || failure.get() != null) {
        finished.countDown();
      }
    }
  }

  private void copyRange(RangeWork range, Lease lease) {
    TableWork table = range.table;
    range.advance(table.copier.load(range.checkpoint.rangeNo()));
    ChunkSizer sizer = new ChunkSizer(config);
    long[] renewedAt = {clock.millis()};
    Throttle.KeepAlive keepAlive =
        () -> {
          long now = clock.millis();
          if (now - renewedAt[0] < config.leaseTtl().toMillis() / 3) {
            return true;
          }
          renewedAt[0] = now;
          return leases.renew(lease, clock.instant().plus(config.leaseTtl()));
        };
    while (!range.checkpoint.done()) {
      if (!throttle.awaitTurn(() -> stopping || failure.get() != null, keepAlive)) {
        return;
      }
      if (!keepAlive.renew()) {
        lapsed(range);
        return;
      }
      ChunkCopier.ChunkResult result = copyWithRetry(range, sizer.size(), lease, keepAlive);
      if (result == null) {
        return; // fenced out: another process holds the range now
      }
      range.advance(result.checkpoint());
      table.rowsCopiedHere.addAndGet(result.rows());
      table.meters.rowsCopied.increment(result.rows());
      table.meters.chunkTime.record(result.lockTime());
      table.meters.chunkSize.record(result.rows());
      sizer.observe(result.rows(), result.lockTime());
      throttle.charge(result.rows());
      notify(
          () ->
              listener.chunkCopied(
                  migration, result.checkpoint(), result.rows(), result.lockTime()));
      logProgressIfDue();
    }
    notify(() -> listener.rangeDone(migration, range.checkpoint));
  }

  /** The range's lease lapsed although nobody took it: said, then the range is taken again. */
  private void lapsed(RangeWork range) {
    log.info(
        "{}: the lease of {} range {} lapsed before it was renewed (a chunk or its retries took"
            + " longer than the lease time, {}); the range is acquired again",
        migration,
        range.table.copier.table(),
        range.checkpoint.rangeNo(),
        config.leaseTtl());
  }

  private ChunkCopier.ChunkResult copyWithRetry(
      RangeWork range, int limit, Lease lease, Throttle.KeepAlive keepAlive) {
    for (int attempt = 1; ; attempt++) {
      try {
        return range.table.copier.copy(range.checkpoint, limit, lease);
      } catch (FencedOutException e) {
        metrics.fenced.increment();
        log.info("{}: {}", migration, e.getMessage());
        return null;
      } catch (RuntimeException e) {
        if (attempt >= config.retryAttempts() || stopping) {
          throw e;
        }
        range.table.meters.retries.increment();
        log.warn(
            "{}: backfill chunk of {} range {} failed (attempt {} of {}), retrying: {}",
            migration,
            range.table.copier.table(),
            range.checkpoint.rangeNo(),
            attempt,
            config.retryAttempts(),
            e.getMessage());
        sleep(Math.min(5000, 50L << attempt));
        // retries of a chunk that keeps failing (lock timeouts) can outlast the lease: renew it
        // between them, as between chunks, or the range stops for a lease time and is taken anew
        if (!keepAlive.renew()) {
          lapsed(range);
          return null;
        }
      }
    }
  }

  /** Picks an unfinished range no local worker has, taking tables in turn. */
  private synchronized RangeWork claim() {
    long now = clock.millis();
    for (int t = 0; t < tables.size(); t++) {
      TableWork table = tables.get((nextTable + t) % tables.size());
      for (RangeWork range : table.ranges) {
        if (!range.claimed && !range.checkpoint.done() && range.retryAfterMillis <= now) {
          range.claimed = true;
          nextTable = (nextTable + t + 1) % tables.size();
          return range;
        }
      }
    }
    return null;
  }

  private synchronized void unclaim(RangeWork range) {
    range.claimed = false;
  }

  /** Another process holds the range: look again once its lease could have lapsed or ended. */
  private synchronized void backOff(RangeWork range) {
    range.retryAfterMillis = clock.millis() + Math.min(2000, config.leaseTtl().toMillis() / 4);
  }

  private synchronized boolean allDone() {
    for (TableWork table : tables) {
      for (RangeWork range : table.ranges) {
        if (!range.checkpoint.done()) {
          return false;
        }
      }
    }
    return true;
  }

  private void complete() {
    synchronized (this) {
      if (completed) {
        return;
      }
      completed = true;
    }
    BackfillProgress progress = progress();
    log.info(
        "{}: backfill complete: {} rows in {} table(s)",
        migration,
        progress.rowsCopied(),
        progress.tables().size());
    notify(() -> listener.completed(migration, progress));
    finished.countDown();
  }

  private void logProgressIfDue() {
    long due = nextProgressLog.get();
    long now = clock.millis();
    if (now < due
        || !nextProgressLog.compareAndSet(due, now + config.progressLogInterval().toMillis())) {
      return;
    }
    BackfillProgress p = progress();
    String line = progressLine(p);
    log.info("{}: {}", migration, line);
    notify(() -> listener.progressReported(migration, p, line));
  }

  /** The progress line: overall percent, rows, rate and ETA, then each table's percent. */
  static String progressLine(BackfillProgress p) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                java.util.Locale.ROOT,
                "backfill %.1f%% - %d of ~%d rows, %d rows/s, ETA %s;",
                p.percent(),
                p.rowsCopied(),
                p.estimatedRows(),
                Math.round(p.rowsPerSecond()),
                p.eta().map(d -> d.toSeconds() + " s").orElse("unknown")));
    for (BackfillProgress.Table t : p.tables()) {
      line.append(
          String.format(
              java.util.Locale.ROOT,
              " %s %.1f%% (%d/%d ranges)",
              t.table(),
              t.percent(),
              t.rangesDone(),
              t.ranges()));
    }
    return line.toString();
  }

  private void releaseQuietly(Lease lease) {
    try {
      leases.release(lease);
    } catch (RuntimeException e) {
      log.warn("{}: releasing {} failed; it lapses by itself", migration, lease.resource(), e);
    }
  }

  private void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("{}: a backfill listener failed; the backfill goes on", migration, e);
    }
  }

  private void sleep(long millis) {
    try {
      sleeper.sleep(Duration.ofMillis(millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Builds a {@link BackfillScheduler}. Not thread-safe. */
  public static final class Builder {
    private final String migration;
    private BackfillConfig config = BackfillConfig.defaults();
    private final List<ChunkCopier> copiers = new ArrayList<>();
    private LeaseStore leases;
    private final List<BackoffProbe> probes = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private ThreadFactory threadFactory;
    private MeterRegistry meterRegistry = new SimpleMeterRegistry();
    private BackfillListener listener = BackfillListener.NONE;
    private String owner = UUID.randomUUID().toString().substring(0, 8);

    private Builder(String migration) {
      this.migration = MigrationName.require(migration);
      AtomicInteger n = new AtomicInteger();
      this.threadFactory =
          r -> {
            Thread thread = new Thread(r, "zdm-backfill-" + migration + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          };
    }

    /** Sets the configuration (default {@link BackfillConfig#defaults()}). */
    public Builder config(BackfillConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Adds a table's copier; tables are planned and reported in the order added. */
    public Builder copier(ChunkCopier copier) {
      this.copiers.add(Objects.requireNonNull(copier, "copier"));
      return this;
    }

    /** Sets where range leases are kept (required). */
    public Builder leases(LeaseStore leases) {
      this.leases = Objects.requireNonNull(leases, "leases");
      return this;
    }

    /** Adds a probe the backfill backs off for while it is over its limit. */
    public Builder probe(BackoffProbe probe) {
      this.probes.add(Objects.requireNonNull(probe, "probe"));
      return this;
    }

    /** Sets the clock for leases, rates and throttling. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets how workers wait (default {@link Sleeper#SYSTEM}); tests pair it with their clock. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Sets the factory of worker threads (default: daemon threads named after the migration). */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
      return this;
    }

    /** Sets the registry of the backfill's meters. */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
      return this;
    }

    /** Sets the listener. */
    public Builder listener(BackfillListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Sets the name this process leases ranges under (default random); unique per process. */
    public Builder owner(String owner) {
      this.owner = Objects.requireNonNull(owner, "owner");
      return this;
    }

    /**
     * Builds the scheduler; nothing runs until {@link BackfillScheduler#start()}.
     *
     * @return the scheduler
     * @throws ZdmException naming what is missing
     */
    public BackfillScheduler build() {
      if (copiers.isEmpty()) {
        throw new ZdmException(migration + ": a backfill needs at least one table");
      }
      if (leases == null) {
        throw new ZdmException(migration + ": a backfill needs a lease store");
      }
      return new BackfillScheduler(this);
    }
  }
}
