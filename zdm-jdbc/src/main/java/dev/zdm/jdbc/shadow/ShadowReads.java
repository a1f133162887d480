package dev.zdm.jdbc.shadow;

import dev.zdm.ZdmException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The settings of shadow reads: in phase {@code SHADOW}, a sampled share of the application's
 * plainly read-only statements also runs on the target, after the application read the source's
 * result, and the two results are compared. Give it to {@link
 * dev.zdm.jdbc.datasource.DualWriteDataSource.Builder#shadowReads(ShadowReads)}; the data source
 * starts a {@link ShadowReader} with it. See {@code docs/shadow-reads.md}.
 *
 * <pre>{@code
 * ShadowReads shadowReads = ShadowReads.builder()
 *     .samplePercent(5)
 *     .workers(2)
 *     .queueCapacity(200)
 *     .timeLimit(Duration.ofSeconds(2))
 *     .drainOnClose(100)
 *     .sideEffectFunctions("audit_touch")
 *     .listener(listener)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ShadowReads {

  /** The default of {@link Builder#drainOnClose(int)}: rows read on when a result closes early. */
  public static final int DEFAULT_DRAIN_ON_CLOSE = 100;

  /** The default time limit of one comparison. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(2);

  /** The default wait before a difference is confirmed by reading both sides again. */
  public static final Duration DEFAULT_RECHECK_DELAY = Duration.ofMillis(250);

  final long sampleEvery;
  final double samplePercent;
  final int workers;
  final int queueCapacity;
  final Duration timeLimit;
  final Duration recheckDelay;
  final int rechecks;
  final int maxRows;
  final int drainOnClose;
  final ShadowReadListener listener;
  final Predicate<ShadowMismatch> ignore;
  final Set<String> sideEffectFunctions;
  final boolean includeValues;
  final Map<String, List<String>> keyColumns;

  private ShadowReads(Builder b) {
    this.sampleEvery = b.sampleEvery;
    this.samplePercent = b.samplePercent;
    this.workers = b.workers;
    this.queueCapacity = b.queueCapacity;
    this.timeLimit = b.timeLimit;
    this.recheckDelay = b.recheckDelay;
    this.rechecks = b.rechecks;
    this.maxRows = b.maxRows;
    this.drainOnClose = b.drainOnClose;
    this.listener = b.listener;
    this.ignore = b.ignore;
    this.sideEffectFunctions = Set.copyOf(b.sideEffectFunctions);
    this.includeValues = b.includeValues;
    this.keyColumns = Map.copyOf(b.keyColumns);
  }

  /**
   * Starts a builder with the defaults: every read sampled, 1 worker, queue of 100, time limit
   * {@link #DEFAULT_TIME_LIMIT}, recheck after {@link #DEFAULT_RECHECK_DELAY}, results up to 10,000
   * rows, up to {@link #DEFAULT_DRAIN_ON_CLOSE} rows read on when a result is closed early, no
   * values in reports.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the shadow reader of one data source: its worker threads and meters. Called by {@link
   * dev.zdm.jdbc.datasource.DualWriteDataSource.Builder#build()}; applications do not call it.
   *
   * @param migration the migration's name
   * @param source the source pool (re-read when a difference is confirmed)
   * @param target the target pool
   * @param registry where {@code zdm.shadow.*} meters go
   * @return the running reader
   */
  public ShadowReader start(
      String migration, DataSource source, DataSource target, MeterRegistry registry) {
    return new ShadowReader(migration, this, source, target, registry);
  }

  /** The share of eligible reads sampled, in percent. */
  double samplePercent() {
    return sampleEvery > 0 ? 100.0 / sampleEvery : samplePercent;
  }

  /** Builds {@link ShadowReads}; every setting is checked when set. Not thread-safe. */
  public static final class Builder {

    private long sampleEvery = 1;
    private double samplePercent = -1;
    private int workers = 1;
    private int queueCapacity = 100;
    private Duration timeLimit = DEFAULT_TIME_LIMIT;
    private Duration recheckDelay = DEFAULT_RECHECK_DELAY;
    private int rechecks = 2;
    private int maxRows = 10_000;
    private int drainOnClose = DEFAULT_DRAIN_ON_CLOSE;
    private ShadowReadListener listener = ShadowReadListener.NONE;
    private Predicate<ShadowMismatch> ignore = mismatch -> false;
    private final Set<String> sideEffectFunctions = new LinkedHashSet<>();
    private boolean includeValues;
    private final Map<String, List<String>> keyColumns = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Shadows one eligible read in {@code n} (counted, so exactly every n-th); replaces {@link
     * #samplePercent(double)}.
     *
     * @param n at least 1 (1: every read)
     * @return this builder
     * @throws ZdmException if below 1
     */
    public Builder sampleOneIn(long n) {
      if (n < 1) {
        throw bad("sampleOneIn", "must be >= 1", n);
      }
      this.sampleEvery = n;
      this.samplePercent = -1;
      return this;
    }

    /**
     * Shadows a random share of eligible reads; replaces {@link #sampleOneIn(long)}.
     *
     * @param percent between 0 (none) and 100 (all)
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder samplePercent(double percent) {
      if (!(percent >= 0 && percent <= 100)) {
        throw bad("samplePercent", "must be between 0 and 100", percent);
      }
      this.samplePercent = percent;
      this.sampleEvery = 0;
      return this;
    }

    /**
     * Sets how many threads run comparisons (default 1). Each holds at most one target connection
     * at a time (two while re-reading), so keep it well below the pools' sizes.
     *
     * @param workers between 1 and 64
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder workers(int workers) {
      if (workers < 1 || workers > 64) {
        throw bad("workers", "must be between 1 and 64", workers);
      }
      this.workers = workers;
      return this;
    }

    /**
     * Sets how many comparisons may wait for a worker (default 100); a read sampled while the queue
     * is full is counted {@code skipped} ({@code queue-full}) and costs the caller nothing.
     *
     * @param capacity between 1 and 100,000
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder queueCapacity(int capacity) {
      if (capacity < 1 || capacity > 100_000) {
        throw bad("queueCapacity", "must be between 1 and 100000", capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    /**
     * Sets the time limit of a comparison on its worker (time waiting in the queue does not count;
     * the queue is bounded instead), enforced with a Resilience4j {@code TimeLimiter}; the running
     * statement is cancelled when it passes (default {@link #DEFAULT_TIME_LIMIT}). Each re-read of
     * a difference has the same limit.
     *
     * @param timeLimit between 1 ms and 5 minutes
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder timeLimit(Duration timeLimit) {
      this.timeLimit = within("timeLimit", timeLimit, Duration.ofMillis(1), Duration.ofMinutes(5));
      return this;
    }

    /**
     * Sets how long zdm waits, after a difference, before reading both sides again to confirm it
     * (default {@link #DEFAULT_RECHECK_DELAY}). A difference that the re-read does not show is
     * counted {@code match} (reason {@code rechecked}): it was replication lag. Set it above the
     * relay's usual lag.
     *
     * @param delay between 0 and 1 minute
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder recheckDelay(Duration delay) {
      this.recheckDelay = within("recheckDelay", delay, Duration.ZERO, Duration.ofMinutes(1));
      return this;
    }

    /**
     * Sets how many times a difference is re-read, each after {@link #recheckDelay(Duration)},
     * before it is reported (default 2). A row counts only if its key differed in every re-read, so
     * that a row a live writer keeps changing is not reported for the relay's lag; rows without a
     * key are reported when every re-read differed.
     *
     * @param rechecks between 1 and 10
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder rechecks(int rechecks) {
      if (rechecks < 1 || rechecks > 10) {
        throw bad("rechecks", "must be between 1 and 10", rechecks);
      }
      this.rechecks = rechecks;
      return this;
    }

    /**
     * Sets the largest result compared (default 10,000 rows); a larger one is counted {@code
     * skipped} ({@code too-many-rows}). Bounds the memory of a comparison (8 bytes per row while
     * queued).
     *
     * @param maxRows between 1 and 10,000,000
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder maxRows(int maxRows) {
      if (maxRows < 1 || maxRows > 10_000_000) {
        throw bad("maxRows", "must be between 1 and 10000000", maxRows);
      }
      this.maxRows = maxRows;
      return this;
    }

    /**
     * Sets the most rows zdm reads itself when the application closes a sampled result before its
     * end, so that it is compared anyway (default {@link #DEFAULT_DRAIN_ON_CLOSE}). The usual
     * lookup, {@code if (rs.next()) ...} and close, leaves the result before its end; without this
     * it would never be shadowed. With more rows left than this, the read is counted {@code
     * skipped} ({@code stopped-early}); with 0, every read closed before its end is.
     *
     * <p>Cost: the closing thread, the application's, reads up to this many more rows of the
     * source's result (and one more {@code next()} to see its end), digesting each as it does the
     * rows the application read, before the result set closes. With the PostgreSQL and MariaDB
     * drivers' default fetch (no fetch size) the whole result is already in memory, so this is CPU
     * only. A result read with a fetch size (a cursor or a stream, whose rows may not be fetched
     * yet) is never read on: fetching could fail where the application would not, which in
     * PostgreSQL aborts its transaction; it is counted {@code stopped-early}. A failure while
     * reading them never reaches the application: the read is counted {@code skipped} ({@code
     * drain-failed}) and the close goes on. Applies whoever closes the result set: the application,
     * or its statement or connection closing or running again.
     *
     * @param rows between 0 (never read on: the old behaviour) and 1,000,000
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder drainOnClose(int rows) {
      if (rows < 0 || rows > 1_000_000) {
        throw bad("drainOnClose", "must be between 0 and 1000000", rows);
      }
      this.drainOnClose = rows;
      return this;
    }

    /**
     * Sets the listener told about mismatches and outcomes.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(ShadowReadListener listener) {
      this.listener = required(listener, "listener");
      return this;
    }

    /**
     * Sets the hook for known, expected differences: a persisting difference it accepts is counted
     * {@code ignored}, not {@code mismatch}, and not told to the listener's {@code mismatch}. It
     * sees what the listener would see (values only when included). Called on a worker thread.
     *
     * @param ignore returns true for an expected difference
     * @return this builder
     */
    public Builder ignore(Predicate<ShadowMismatch> ignore) {
      this.ignore = required(ignore, "ignore");
      return this;
    }

    /**
     * Names functions with side effects: a statement calling one is never shadowed. Names match
     * without schema and case-insensitively. {@code nextval}, {@code setval}, {@code lastval},
     * {@code last_insert_id}, {@code get_lock}, {@code release_lock} and the advisory lock
     * functions are always refused.
     *
     * @param functions function names
     * @return this builder
     * @throws ZdmException if a name is blank
     */
    public Builder sideEffectFunctions(String... functions) {
      return sideEffectFunctions(List.of(functions));
    }

    /**
     * Names functions with side effects; see {@link #sideEffectFunctions(String...)}.
     *
     * @param functions function names
     * @return this builder
     * @throws ZdmException if a name is blank
     */
    public Builder sideEffectFunctions(Collection<String> functions) {
      for (String function : functions) {
        if (function == null || function.isBlank()) {
          throw bad("sideEffectFunctions", "must not hold a blank name", function);
        }
        sideEffectFunctions.add(function.strip().toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /**
     * Puts row values into mismatch reports (default off: keys only). Values may hold personal
     * data; they still never reach zdm's log lines.
     *
     * @param includeValues true to include them
     * @return this builder
     */
    public Builder includeValues(boolean includeValues) {
      this.includeValues = includeValues;
      return this;
    }

    /**
     * Names the columns that identify a row of a table in results that do not hold its primary key,
     * for mismatch reports (else rows are named by position).
     *
     * @param table the table's name as the database reports it (case-insensitive)
     * @param columns the key columns, as the result labels them
     * @return this builder
     * @throws ZdmException if the table or a column is blank, or no column is given
     */
    public Builder keyColumns(String table, String... columns) {
      if (table == null || table.isBlank() || columns.length == 0) {
        throw bad("keyColumns", "needs a table and at least one column", table);
      }
      for (String column : columns) {
        if (column == null || column.isBlank()) {
          throw bad("keyColumns", "must not hold a blank column for table " + table, column);
        }
      }
      keyColumns.put(table.toLowerCase(Locale.ROOT), List.of(columns));
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     */
    public ShadowReads build() {
      return new ShadowReads(this);
    }

    private static ZdmException bad(String property, String rule, Object value) {
      return new ZdmException("shadowReads." + property + " " + rule + ", was " + value);
    }

    private static <T> T required(T value, String property) {
      if (value == null) {
        throw new ZdmException("shadowReads." + property + " must not be null");
      }
      return value;
    }

    private static Duration within(String property, Duration value, Duration min, Duration max) {
      required(value, property);
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw bad(property, "must be between " + min + " and " + max, value);
      }
      return value;
    }
  }
}
