package dev.zdm.jdbc.shadow;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.zdm.control.InstrumentReport;
import dev.zdm.control.InstrumentSource;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running shadow reads of one {@link dev.zdm.jdbc.datasource.DualWriteDataSource}: decides
 * which reads are shadowed, runs the comparisons on a bounded pool of worker threads (bounded
 * queue, Resilience4j {@code TimeLimiter}), counts outcomes in {@code zdm.shadow.reads} and reports
 * mismatches to the listener. It is an {@link InstrumentSource}: attach it to the migration's
 * control to see its figures in the status:
 *
 * <pre>{@code
 * control.attach(dataSource.shadowReader().orElseThrow());
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the workers; the data source keeps working without them.
 */
public final class ShadowReader implements InstrumentSource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ShadowReader.class);

  /** Functions refused whatever the user lists: they change state or take locks. */
  private static final Set<String> ALWAYS_SIDE_EFFECTS =
      Set.of(
          "nextval",
          "setval",
          "lastval",
          "last_insert_id",
          "get_lock",
          "release_lock",
          "pg_advisory_lock",
          "pg_advisory_lock_shared",
          "pg_advisory_xact_lock",
          "pg_advisory_xact_lock_shared",
          "pg_try_advisory_lock",
          "pg_try_advisory_lock_shared",
          "pg_try_advisory_xact_lock",
          "pg_try_advisory_xact_lock_shared",
          "pg_advisory_unlock",
          "pg_advisory_unlock_all",
          "set_config",
          "pg_notify",
          "dblink_exec");

  final String migration;
  final ShadowReads settings;
  final DataSource source;
  final DataSource target;
  private final Set<String> sideEffects;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService timer;
  private final TimeLimiter timeLimiter;
  private final Cache<String, SqlShape> shapes = Caffeine.newBuilder().maximumSize(2_000).build();
  final ResultKeys keys;
  private final AtomicLong sequence = new AtomicLong();
  // Reads sampled since the start, each ending in exactly one outcome once its result set closes.
  private final LongAdder sampledReads = new LongAdder();
  private final Map<ShadowOutcome, LongAdder> outcomes = new EnumMap<>(ShadowOutcome.class);
  private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
  private final AtomicInteger rechecking = new AtomicInteger();
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  ShadowReader(
      String migration,
      ShadowReads settings,
      DataSource source,
      DataSource target,
      MeterRegistry registry) {
    this.migration = migration;
    this.settings = settings;
    this.source = source;
    this.target = target;
    this.registry = registry;
    Set<String> functions = new HashSet<>(ALWAYS_SIDE_EFFECTS);
    functions.addAll(settings.sideEffectFunctions);
    this.sideEffects = Set.copyOf(functions);
    this.keys = new ResultKeys(settings.keyColumns);
    for (ShadowOutcome outcome : ShadowOutcome.values()) {
      outcomes.put(outcome, new LongAdder());
    }
    this.workers =
        new ThreadPoolExecutor(
            settings.workers,
            settings.workers,
            1,
            TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(settings.queueCapacity),
            threads("zdm-shadow-" + migration + "-"),
            new ThreadPoolExecutor.AbortPolicy());
    this.timer =
        Executors.newSingleThreadScheduledExecutor(threads("zdm-shadow-timer-" + migration + "-"));
    this.timeLimiter =
        TimeLimiter.of(
            "zdm-shadow-" + migration,
            TimeLimiterConfig.custom()
                .timeoutDuration(settings.timeLimit)
                .cancelRunningFuture(true)
                .build());
    Gauge.builder("zdm.shadow.queue", workers, w -> w.getQueue().size())
        .tag("migration", migration)
        .description("shadow-read comparisons waiting for a worker")
        .register(registry);
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger number = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  // ---- on the application's thread ------------------------------------------------------------

  /**
   * Tells whether a statement may write: anything but a plain read or a locking read (see {@code
   * docs/shadow-reads.md}). The data source asks it for the statements of a transaction, to know
   * when later reads could see the transaction's own uncommitted writes. Cached by SQL text.
   *
   * @param sql the statement's SQL, null for a batch
   * @return false only for a plain or locking read
   */
  public boolean mayWrite(String sql) {
    if (sql == null) {
      return true;
    }
    String refusal = shape(sql).refusal();
    return refusal != null && !refusal.equals("locking-read");
  }

  /**
   * Decides whether a source read the application just ran is shadowed, and if so returns the tap
   * its result set feeds. Never throws and never blocks.
   *
   * @param sql the statement's SQL
   * @param prepared whether it is a prepared statement (with {@code binder} setting its parameters)
   * @param binder sets the parameters and settings on the target's statement
   * @param writtenInTransaction whether the transaction ran a statement that may have written
   * @return the tap, or null when the read is not shadowed
   */
  public ShadowTap tap(
      String sql, boolean prepared, StatementBinder binder, boolean writtenInTransaction) {
    try {
      SqlShape shape = shape(sql);
      if (shape.refusal() != null) {
        refused(shape.refusal());
        return null;
      }
      if (writtenInTransaction) {
        refused("written-in-transaction");
        return null;
      }
      if (!sampled()) {
        return null;
      }
      sampledReads.increment();
      if (workers.getQueue().remainingCapacity() == 0) {
        // Known before the caller reads a row: no digest work for a comparison that cannot run.
        skipped("queue-full", shape.fingerprint());
        return null;
      }
      return new ShadowTap(
          this, sql, shape, prepared, binder, settings.maxRows, settings.drainOnClose);
    } catch (RuntimeException e) {
      LOG.warn("{}: shadow reads could not look at a statement; not shadowed", migration, e);
      return null;
    }
  }

  private SqlShape shape(String sql) {
    return shapes.get(sql, s -> SqlShape.of(s, sideEffects));
  }

  private boolean sampled() {
    if (settings.sampleEvery > 0) {
      return sequence.getAndIncrement() % settings.sampleEvery == 0;
    }
    return ThreadLocalRandom.current().nextDouble(100) < settings.samplePercent;
  }

  private void refused(String reason) {
    refusals.computeIfAbsent(reason, r -> new LongAdder()).increment();
    counter("zdm.shadow.refused", "reason", reason).increment();
  }

  void skipped(String reason, String fingerprint) {
    count(ShadowOutcome.SKIPPED, reason, fingerprint);
  }

  /** Queues a comparison; a full queue counts it skipped. Never blocks. */
  void compare(ShadowTap tap) {
    ShadowComparison comparison = new ShadowComparison(this, tap);
    submit(
        comparison,
        comparison::targetAgrees,
        (agrees, failure) -> {
          if (failure != null) {
            failed(comparison, failure);
          } else if (agrees) {
            comparison.finish(ShadowOutcome.MATCH, "equal");
          } else {
            rechecking.incrementAndGet();
            scheduleRecheck(comparison);
          }
        });
  }

  // ---- on zdm's threads -----------------------------------------------------------------------

  /**
   * Runs one round of a comparison on a worker, under the time limit, which starts when the worker
   * does (time in the bounded queue does not count); at the limit the running statement is
   * cancelled. {@code done} is called exactly once, with the result or the failure.
   */
  private <T> void submit(
      ShadowComparison comparison, SqlWork<T> work, BiConsumer<T, Throwable> done) {
    try {
      workers.execute(
          () -> {
            CompletableFuture<T> result = new CompletableFuture<>();
            timeLimiter
                .executeCompletionStage(timer, () -> result)
                .whenComplete(
                    (value, failure) -> {
                      if (unwrap(failure) instanceof TimeoutException) {
                        comparison.cancel();
                      }
                      done.accept(value, failure);
                    });
            try {
              result.complete(work.run());
            } catch (SQLException | RuntimeException e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      done.accept(null, e);
    }
  }

  private void scheduleRecheck(ShadowComparison comparison) {
    try {
      timer.schedule(
          () -> submit(comparison, comparison::recheck, (m, f) -> rechecked(comparison, m, f)),
          settings.recheckDelay.toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      rechecking.decrementAndGet();
      comparison.finish(ShadowOutcome.SKIPPED, "closed");
    }
  }

  private void rechecked(ShadowComparison comparison, ShadowMismatch mismatch, Throwable failure) {
    if (failure != null) {
      rechecking.decrementAndGet();
      failed(comparison, failure);
      return;
    }
    ShadowMismatch persisting = comparison.persisting(mismatch);
    if (persisting == null) {
      rechecking.decrementAndGet();
      if (comparison.tooLarge()) {
        comparison.finish(ShadowOutcome.SKIPPED, "too-many-rows");
      } else if (comparison.unsettled()) {
        comparison.finish(ShadowOutcome.SKIPPED, "source-changed");
      } else {
        comparison.finish(ShadowOutcome.MATCH, "rechecked");
      }
    } else if (comparison.attempts() < settings.rechecks) {
      scheduleRecheck(comparison);
    } else {
      rechecking.decrementAndGet();
      report(comparison, persisting);
    }
  }

  private void report(ShadowComparison comparison, ShadowMismatch mismatch) {
    boolean expected;
    try {
      expected = settings.ignore.test(mismatch);
    } catch (RuntimeException e) {
      LOG.warn("{}: shadow-read ignore hook failed; counting the mismatch", migration, e);
      expected = false;
    }
    if (expected) {
      comparison.finish(ShadowOutcome.IGNORED, "ignore-hook");
      return;
    }
    String reason = mismatch.kind().name().toLowerCase(Locale.ROOT);
    if (comparison.finished()) {
      return;
    }
    // Keys only in the event; the log line names the key columns and counts, never values.
    LOG.warn(
        "{}: shadow read mismatch ({}) for statement [{}]: source {} rows, target {} rows, {} rows"
            + " differ, key columns {}",
        migration,
        reason,
        mismatch.fingerprint(),
        mismatch.sourceRows(),
        mismatch.targetRows(),
        mismatch.rows().size(),
        mismatch.keyColumns().isEmpty() ? "(none: rows named by position)" : mismatch.keyColumns());
    try {
      settings.listener.mismatch(mismatch);
    } catch (RuntimeException e) {
      LOG.warn("{}: shadow-read listener failed; ignored", migration, e);
    }
    comparison.finish(ShadowOutcome.MISMATCH, reason);
  }

  private void failed(ShadowComparison comparison, Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof RejectedExecutionException) {
      comparison.finish(ShadowOutcome.SKIPPED, workers.isShutdown() ? "closed" : "queue-full");
    } else if (cause instanceof TimeoutException) {
      comparison.finish(ShadowOutcome.TIMEOUT, "time-limit");
    } else if (comparison.finish(ShadowOutcome.ERROR, "database")) {
      // The SQL state and class only: a driver's message may quote values.
      LOG.info(
          "{}: shadow read of statement [{}] failed: {} (SQLState {})",
          migration,
          comparison.fingerprint(),
          cause.getClass().getSimpleName(),
          cause instanceof SQLException sql ? sql.getSQLState() : "-");
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  int queryTimeoutSeconds() {
    return (int) Math.max(1, settings.timeLimit.toSeconds() + 1);
  }

  void count(ShadowOutcome outcome, String reason, String fingerprint) {
    outcomes.get(outcome).increment();
    reasons.computeIfAbsent(outcome.tag() + ":" + reason, r -> new LongAdder()).increment();
    counter("zdm.shadow.reads", "outcome", outcome.tag(), "reason", reason).increment();
    try {
      settings.listener.outcome(outcome, reason, fingerprint);
    } catch (RuntimeException e) {
      LOG.warn("{}: shadow-read listener failed; ignored", migration, e);
    }
  }

  private Counter counter(String name, String... tags) {
    String key = name + String.join(",", tags);
    return counters.computeIfAbsent(
        key,
        k ->
            Counter.builder(name)
                .tag("migration", migration)
                .tags(tags)
                .description("shadow reads by outcome")
                .register(registry));
  }

  // ---- figures --------------------------------------------------------------------------------

  /**
   * Returns how many sampled reads ended with an outcome since the start.
   *
   * @param outcome the outcome
   * @return the count
   */
  public long count(ShadowOutcome outcome) {
    return outcomes.get(outcome).sum();
  }

  /**
   * Returns how many reads ended with an outcome for a reason, such as {@code skipped} for {@code
   * queue-full} or {@code match} for {@code rechecked}.
   *
   * @param outcome the outcome
   * @param reason the reason tag
   * @return the count
   */
  public long count(ShadowOutcome outcome, String reason) {
    LongAdder adder = reasons.get(outcome.tag() + ":" + reason);
    return adder == null ? 0 : adder.sum();
  }

  /**
   * Returns how many reads were never shadowed for a reason, such as {@code locking-read}, {@code
   * side-effect-function} or {@code written-in-transaction}.
   *
   * @param reason the reason
   * @return the count
   */
  public long refusals(String reason) {
    LongAdder adder = refusals.get(reason);
    return adder == null ? 0 : adder.sum();
  }

  /** How many reads were sampled since the start; those not yet closed have no outcome yet. */
  long sampledReads() {
    return sampledReads.sum();
  }

  /**
   * Returns how many differences are waiting for, or in, their re-read.
   *
   * @return the number
   */
  public int rechecking() {
    return rechecking.get();
  }

  /**
   * Returns the figures for the migration's status: counts per outcome (and per reason), the sample
   * rate, the queue's depth and capacity, the workers, the drain-on-close bound, the refusals per
   * reason.
   *
   * @return the report, named {@code shadow-reads}
   */
  @Override
  public InstrumentReport report() {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("samplePercent", settings.samplePercent());
    for (ShadowOutcome outcome : ShadowOutcome.values()) {
      figures.put(outcome.tag(), count(outcome));
    }
    Map<String, Object> byReason = new TreeMap<>();
    reasons.forEach((key, adder) -> byReason.put(key, adder.sum()));
    figures.put("byReason", byReason);
    figures.put("queueDepth", workers.getQueue().size());
    figures.put("queueCapacity", settings.queueCapacity);
    figures.put("workers", settings.workers);
    figures.put("drainOnClose", settings.drainOnClose);
    figures.put("rechecking", rechecking.get());
    Map<String, Object> refused = new TreeMap<>();
    refusals.forEach((key, adder) -> refused.put(key, adder.sum()));
    figures.put("notShadowed", refused);
    long compared =
        count(ShadowOutcome.MATCH) + count(ShadowOutcome.MISMATCH) + count(ShadowOutcome.IGNORED);
    String summary =
        compared
            + " shadow reads compared: "
            + count(ShadowOutcome.MISMATCH)
            + " mismatches, "
            + count(ShadowOutcome.IGNORED)
            + " ignored, "
            + count(ShadowOutcome.TIMEOUT)
            + " timeouts, "
            + count(ShadowOutcome.ERROR)
            + " errors, "
            + count(ShadowOutcome.SKIPPED)
            + " skipped; sampling "
            + settings.samplePercent()
            + "%";
    return new InstrumentReport("shadow-reads", summary, figures);
  }

  /** Stops the workers; comparisons still queued are dropped. Idempotent. */
  @Override
  public void close() {
    workers.shutdownNow();
    timer.shutdownNow();
  }

  @Override
  public String toString() {
    return "ShadowReader[" + migration + "]";
  }
}
