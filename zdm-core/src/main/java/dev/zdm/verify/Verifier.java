package dev.zdm.verify;

import dev.zdm.MigrationName;
import dev.zdm.ZdmException;
import dev.zdm.backfill.BackfillConfig;
import dev.zdm.backfill.KeyRange;
import dev.zdm.change.RowKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verification engine. Each table's key space is planned into chunks of about {@link
 * BackfillConfig#maxChunkSize()} source rows; up to {@link BackfillConfig#maxConcurrency()} chunks
 * are compared at once, within the backfill's rate limit ({@link BackfillConfig#rowsPerSecond()}).
 * A chunk whose counts or digests differ is split at the middle key of its larger side, and the
 * halves compared again, until a part holds at most {@code leafRows} rows, whose rows are then
 * compared one by one. Every difference found is then re-checked by its key after the relay has
 * applied everything captured up to that moment, in up to {@code recheckRounds} rounds; only
 * differences that persist are reported.
 *
 * <p>Ranges found equal are recorded in a {@link VerifyProgressStore}, so an interrupted run
 * resumes. Thread-safe: {@link #run()} may be called again after it returns; concurrent runs of one
 * verifier are not supported.
 */
public final class Verifier {

  private static final Logger log = LoggerFactory.getLogger(Verifier.class);

  private final String migration;
  private final List<TableComparator> comparators;
  private final Map<String, String> targetNames;
  private final BackfillConfig config;
  private final Clock clock;
  private final ThreadFactory threadFactory;
  private final VerifyListener listener;
  private final VerifyMetrics metrics;
  private final RelayWatermark watermark;
  private final VerifyProgressStore progress;
  private final int recheckRounds;
  private final Duration recheckTimeout;
  private final boolean showValues;
  private final int leafRows;

  private Verifier(Builder b) {
    this.migration = b.migration;
    this.comparators = List.copyOf(b.comparators);
    this.targetNames = Map.copyOf(b.targetNames);
    this.config = b.config;
    this.clock = b.clock;
    this.threadFactory = b.threadFactory;
    this.listener = b.listener;
    this.metrics = new VerifyMetrics(b.meterRegistry, migration);
    this.watermark = b.watermark;
    this.progress = b.progress;
    this.recheckRounds = b.recheckRounds;
    this.recheckTimeout = b.recheckTimeout;
    this.showValues = b.showValues;
    this.leafRows = b.leafRows;
  }

  /**
   * Starts building a verifier.
   *
   * @param migration the migration's name
   * @return a builder
   * @throws ZdmException if the name is not valid
   */
  public static Builder builder(String migration) {
    return new Builder(migration);
  }

  /**
   * Compares every table and returns the report. A failure (a database error that outlasted the
   * retries) ends the run with a report whose outcome is {@code FAILED}; progress is kept, so the
   * next run resumes.
   *
   * @return the report, with values only if the verifier shows them
   */
  public VerificationReport run() {
    Instant started = clock.instant();
    notify(l -> l.started(migration));
    Map<String, TableState> states = new LinkedHashMap<>();
    for (TableComparator comparator : comparators) {
      states.put(comparator.table(), new TableState(comparator));
    }
    Optional<String> error = Optional.empty();
    try {
      compareChunks(states);
      for (TableState state : states.values()) {
        recheck(state);
      }
    } catch (RuntimeException e) {
      log.warn("{}: verification failed", migration, e);
      error = Optional.of(describe(e));
    }
    List<TableReport> tables = new ArrayList<>();
    for (TableState state : states.values()) {
      tables.add(state.report());
    }
    VerificationReport report =
        new VerificationReport(migration, started, clock.instant(), tables, error);
    if (error.isEmpty()) {
      progress.clear();
      for (Difference d : report.differences()) {
        metrics.difference(d.table(), d.kind());
        notify(l -> l.differenceFound(migration, d.redacted()));
      }
    }
    log.info(
        "{}: verification {}: {} rows in {} tables, {} differences, {} ms",
        migration,
        report.outcome().code(),
        report.rowsCompared(),
        tables.size(),
        report.differenceCount(),
        report.duration().toMillis());
    notify(l -> l.finished(migration, report.redacted()));
    return report;
  }

  private void compareChunks(Map<String, TableState> states) {
    RateGate gate = new RateGate(clock, config.rowsPerSecond(), config.maxChunkSize());
    List<Runnable> tasks = new ArrayList<>();
    for (TableState state : states.values()) {
      String table = state.comparator.table();
      List<KeyRange> ranges = progress.ranges(table);
      Map<Integer, Long> done = Map.of();
      if (ranges.isEmpty()) {
        ranges = state.comparator.plan(config.maxChunkSize());
        progress.save(table, ranges);
      } else {
        done = progress.done(table);
        log.info(
            "{}: resuming the verification of {}: {} of {} ranges already equal",
            migration,
            table,
            done.size(),
            ranges.size());
      }
      for (KeyRange range : ranges) {
        Long rows = done.get(range.rangeNo());
        if (rows != null) {
          state.rows.addAndGet(rows);
          state.chunks.incrementAndGet();
        } else {
          tasks.add(() -> compareChunk(state, range, gate));
        }
      }
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(config.maxConcurrency(), tasks.size())), threadFactory);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  gate.await();
                  task.run();
                }));
      }
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          futures.forEach(f -> f.cancel(true));
          throw e.getCause() instanceof RuntimeException r
              ? r
              : new ZdmException(migration + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          futures.forEach(f -> f.cancel(true));
          throw new ZdmException(migration + ": verification interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void compareChunk(TableState state, KeyRange range, RateGate gate) {
    long begin = System.nanoTime();
    List<Difference> found = new ArrayList<>();
    long[] sourceRows = new long[1];
    boolean equal =
        withRetries(
            state.comparator.table(),
            () -> {
              found.clear();
              return compare(state.comparator, range, found, sourceRows, Long.MAX_VALUE);
            });
    Duration took = Duration.ofNanos(System.nanoTime() - begin);
    state.rows.addAndGet(sourceRows[0]);
    state.chunks.incrementAndGet();
    state.nanos.addAndGet(took.toNanos());
    if (!equal) {
      state.mismatched.incrementAndGet();
    }
    state.found.addAll(found);
    if (found.isEmpty()) {
      progress.markDone(state.comparator.table(), range.rangeNo(), sourceRows[0]);
    }
    metrics.chunk(state.comparator.table(), sourceRows[0], equal, took);
    gate.charge(sourceRows[0]);
    notify(l -> l.chunkCompared(migration, state.comparator.table(), sourceRows[0], equal));
  }

  /** Compares a range; returns whether its digests matched at once. */
  private boolean compare(
      TableComparator comparator,
      KeyRange range,
      List<Difference> found,
      long[] sourceRows,
      long parentLarger) {
    ChunkDigest source = comparator.digest(Side.SOURCE, range);
    ChunkDigest target = comparator.digest(Side.TARGET, range);
    if (parentLarger == Long.MAX_VALUE) {
      sourceRows[0] = source.rows();
    }
    if (source.equals(target)) {
      return true;
    }
    long larger = Math.max(source.rows(), target.rows());
    RowKey middle = null;
    // A part must be smaller than its parent: when the two engines order keys differently (text
    // keys under different collations), a key range can hold more of one side's rows than the
    // range it was split from, and splitting further would not end. Such a part is compared row
    // by row as it is.
    if (larger > leafRows && larger < parentLarger) {
      Side side = source.rows() >= target.rows() ? Side.SOURCE : Side.TARGET;
      middle = comparator.keyAt(side, range, larger / 2 - 1);
    }
    if (middle == null || middle.equals(range.last())) {
      found.addAll(comparator.compareRange(range, showValues));
    } else {
      compare(
          comparator,
          new KeyRange(range.rangeNo(), range.after(), middle),
          found,
          sourceRows,
          larger);
      compare(
          comparator,
          new KeyRange(range.rangeNo(), middle, range.last()),
          found,
          sourceRows,
          larger);
    }
    return false;
  }

  private <T> T withRetries(String table, java.util.function.Supplier<T> work) {
    int attempts = Math.max(1, config.retryAttempts());
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        if (attempt >= attempts || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        log.warn(
            "{}: comparing a chunk of {} failed (attempt {} of {}), retrying: {}",
            migration,
            table,
            attempt,
            attempts,
            e.toString());
        sleep(Duration.ofMillis(100L * attempt));
      }
    }
  }

  /**
   * Re-checks a table's differences by key, each round after the relay has applied everything
   * captured before it: a difference that the relay was still carrying disappears; one that
   * persists through a round where the relay had caught up is real.
   */
  private void recheck(TableState state) {
    List<Difference> pending = new ArrayList<>(state.found);
    for (int round = 0; round < recheckRounds && !pending.isEmpty(); round++) {
      boolean caughtUp = awaitRelay();
      Set<RowKey> keys = new LinkedHashSet<>();
      pending.forEach(d -> keys.add(d.key()));
      List<Difference> now = state.comparator.compareKeys(keys, showValues);
      boolean unchanged = signature(now).equals(signature(pending));
      pending = now;
      if (unchanged && caughtUp && round > 0) {
        break;
      }
    }
    pending.sort(
        Comparator.comparing(Difference::kind)
            .thenComparing(Difference::key, Verifier::compareKeys));
    state.reported = pending;
  }

  /** Key order for reports: numbers by value, text by code unit, column by column. */
  static int compareKeys(RowKey a, RowKey b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      Object x = a.values().get(i);
      Object y = b.values().get(i);
      int c;
      if (x instanceof Number n && y instanceof Number m) {
        c =
            new java.math.BigDecimal(n.toString())
                .compareTo(new java.math.BigDecimal(m.toString()));
      } else {
        c = x.toString().compareTo(y.toString());
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static Set<String> signature(List<Difference> differences) {
    Set<String> keys = new java.util.TreeSet<>();
    differences.forEach(d -> keys.add(d.kind() + d.key().toJson() + d.columns()));
    return keys;
  }

  private boolean awaitRelay() {
    long mark = watermark.mark();
    Instant deadline = clock.instant().plus(recheckTimeout);
    while (!watermark.passed(mark)) {
      if (clock.instant().isAfter(deadline)) {
        log.warn(
            "{}: the relay did not apply the changes captured before the re-check within {}; re-checking anyway",
            migration,
            recheckTimeout);
        return false;
      }
      sleep(Duration.ofMillis(50));
    }
    return true;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ZdmException("verification interrupted", e);
    }
  }

  private String describe(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    return message.startsWith(migration) ? message : migration + ": " + message;
  }

  private void notify(java.util.function.Consumer<VerifyListener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException e) {
      log.warn("{}: a verification listener threw; ignored", migration, e);
    }
  }

  private final class TableState {
    final TableComparator comparator;
    final AtomicLong rows = new AtomicLong();
    final AtomicLong chunks = new AtomicLong();
    final AtomicLong mismatched = new AtomicLong();
    final AtomicLong nanos = new AtomicLong();
    final ConcurrentLinkedQueue<Difference> found = new ConcurrentLinkedQueue<>();
    List<Difference> reported = List.of();

    TableState(TableComparator comparator) {
      this.comparator = comparator;
    }

    TableReport report() {
      return new TableReport(
          comparator.table(),
          targetNames.getOrDefault(comparator.table(), comparator.table()),
          rows.get(),
          chunks.get(),
          mismatched.get(),
          Duration.ofNanos(nanos.get()),
          reported);
    }
  }

  /**
   * The rate limit: each chunk reserves its expected rows before it starts, so that concurrent
   * workers cannot all start at once, and corrects the reservation by the rows it really had.
   */
  private static final class RateGate {
    private final Clock clock;
    private final double rowsPerSecond;
    private final long expectedRows;
    private double nextAllowedMillis;

    RateGate(Clock clock, double rowsPerSecond, long expectedRows) {
      this.clock = clock;
      this.rowsPerSecond = rowsPerSecond;
      this.expectedRows = expectedRows;
      this.nextAllowedMillis = clock.millis();
    }

    void await() {
      if (rowsPerSecond <= 0) {
        return;
      }
      double wait;
      synchronized (this) {
        long now = clock.millis();
        wait = nextAllowedMillis - now;
        nextAllowedMillis =
            Math.max(nextAllowedMillis, now) + expectedRows * 1000.0 / rowsPerSecond;
      }
      if (wait > 0) {
        sleep(Duration.ofMillis((long) wait));
      }
    }

    synchronized void charge(long rows) {
      if (rowsPerSecond > 0) {
        nextAllowedMillis += (rows - expectedRows) * 1000.0 / rowsPerSecond;
      }
    }
  }

  /** Builds a {@link Verifier}. Not thread-safe. */
  public static final class Builder {
    private final String migration;
    private final List<TableComparator> comparators = new ArrayList<>();
    private final Map<String, String> targetNames = new LinkedHashMap<>();
    private BackfillConfig config = BackfillConfig.defaults();
    private Clock clock = Clock.systemUTC();
    private ThreadFactory threadFactory;
    private VerifyListener listener = VerifyListener.NONE;
    private MeterRegistry meterRegistry = new SimpleMeterRegistry();
    private RelayWatermark watermark = RelayWatermark.NONE;
    private VerifyProgressStore progress = VerifyProgressStore.NONE;
    private int recheckRounds = 3;
    private Duration recheckTimeout = Duration.ofSeconds(60);
    private boolean showValues;
    private int leafRows = 256;

    private Builder(String migration) {
      this.migration = MigrationName.require(migration);
      AtomicInteger n = new AtomicInteger();
      this.threadFactory =
          r -> {
            Thread t = new Thread(r, "zdm-verify-" + this.migration + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          };
    }

    /**
     * Adds a table.
     *
     * @param comparator the table pair's comparator
     * @param targetTable the target table's name, for the report
     * @return this builder
     */
    public Builder comparator(TableComparator comparator, String targetTable) {
      comparators.add(Objects.requireNonNull(comparator, "comparator"));
      targetNames.put(comparator.table(), Objects.requireNonNull(targetTable, "targetTable"));
      return this;
    }

    /** Sets chunk size, concurrency, rate limit and retries, shared with the backfill. */
    public Builder config(BackfillConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Sets the clock for the rate limit and the re-check timeout. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the factory of the worker threads. */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
      return this;
    }

    /** Sets the listener. */
    public Builder listener(VerifyListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Sets the registry of the meters. */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
      return this;
    }

    /** Sets how the verifier learns how far the relay has got (default: no relay). */
    public Builder watermark(RelayWatermark watermark) {
      this.watermark = Objects.requireNonNull(watermark, "watermark");
      return this;
    }

    /** Sets where progress is kept for resuming (default: nowhere). */
    public Builder progress(VerifyProgressStore progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * Sets the re-checks of differences.
     *
     * @param rounds 1 to 20 rounds (default 3)
     * @param relayTimeout how long a round waits for the relay before re-checking anyway (default
     *     60 s)
     * @return this builder
     */
    public Builder recheck(int rounds, Duration relayTimeout) {
      if (rounds < 1 || rounds > 20) {
        throw new ZdmException("verify.recheckRounds must be 1 to 20, was " + rounds);
      }
      this.recheckRounds = rounds;
      this.recheckTimeout = Objects.requireNonNull(relayTimeout, "relayTimeout");
      return this;
    }

    /** Puts row values into differences and reports (default false: they may be personal data). */
    public Builder showValues(boolean showValues) {
      this.showValues = showValues;
      return this;
    }

    /**
     * Sets the size below which a mismatching part of a chunk is compared row by row.
     *
     * @param leafRows 1 to 100,000 (default 256)
     * @return this builder
     */
    public Builder leafRows(int leafRows) {
      if (leafRows < 1 || leafRows > 100_000) {
        throw new ZdmException("verify.leafRows must be 1 to 100000, was " + leafRows);
      }
      this.leafRows = leafRows;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws ZdmException if no table was added
     */
    public Verifier build() {
      if (comparators.isEmpty()) {
        throw new ZdmException(migration + ": a verification needs at least one table");
      }
      return new Verifier(this);
    }
  }
}
