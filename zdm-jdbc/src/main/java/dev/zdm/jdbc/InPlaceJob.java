package dev.zdm.jdbc;

import dev.zdm.MigrationName;
import dev.zdm.ZdmException;
import dev.zdm.backfill.BackfillConfig;
import dev.zdm.backfill.BackfillListener;
import dev.zdm.backfill.BackfillProgress;
import dev.zdm.backfill.BackfillScheduler;
import dev.zdm.backfill.BackoffProbe;
import dev.zdm.jdbc.backfill.JdbcRangeUpdater;
import dev.zdm.jdbc.backfill.SqlHealthProbe;
import dev.zdm.jdbc.outbox.JdbcLeaseStore;
import dev.zdm.jdbc.schema.SchemaInstaller;
import dev.zdm.jdbc.schema.ZdmTables;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;

/**
 * Runs a statement of the user's over a table's key ranges inside one database, in checkpointed,
 * leased, throttled chunks: the in-place step of an expand/contract change, such as filling a new
 * column. It is the backfill's engine with a different chunk: instead of copying rows to another
 * database, each chunk runs the statement with {@code {range}} replaced by the chunk's key
 * condition (see {@code docs/backfill.md}).
 *
 * <pre>{@code
 * try (InPlaceJob job = InPlaceJob.builder("orders-fill-total-cents")
 *     .on(dataSource)
 *     .table("orders", "UPDATE orders SET total_cents = total * 100 WHERE {range}")
 *     .config(BackfillConfig.builder().chunkTimeTarget(Duration.ofMillis(50)).rowsPerSecond(20_000).build())
 *     .build()) {
 *   job.install();
 *   job.run();                      // or start(), pause(), resume(), rowsPerSecond(n), progress()
 * }
 * }</pre>
 *
 * <p>Thread-safe. State (checkpoints, range leases) lives in the same database under the job's
 * name, so several processes may run one job, a restarted job goes on from its checkpoints, and
 * running a finished job again does nothing. The statement runs once per chunk and must be safe to
 * run again over a chunk whose commit was lost (a crash between its work and the checkpoint cannot
 * happen, they commit together, but write it so that it is idempotent anyway).
 */
public final class InPlaceJob implements AutoCloseable {

  private final String name;
  private final ZdmDatabase database;
  private final List<JdbcRangeUpdater> updaters = new ArrayList<>();
  private final BackfillScheduler scheduler;

  private InPlaceJob(Builder b) {
    this.name = b.name;
    this.database = ZdmDatabase.of(b.dataSource, ZdmTables.of(b.tablePrefix, b.zdmSchema));
    BackfillScheduler.Builder scheduler =
        BackfillScheduler.builder(name)
            .config(b.config)
            .leases(new JdbcLeaseStore(database, b.clock))
            .clock(b.clock)
            .meterRegistry(b.meterRegistry)
            .listener(b.listener)
            .owner(b.owner);
    if (b.threadFactory != null) {
      scheduler.threadFactory(b.threadFactory);
    }
    b.statements.forEach(
        (table, statement) -> {
          JdbcRangeUpdater updater = new JdbcRangeUpdater(name, table, statement, database);
          updaters.add(updater);
          scheduler.copier(updater);
        });
    b.probes.forEach(scheduler::probe);
    this.scheduler = scheduler.build();
  }

  /**
   * Starts building an in-place job.
   *
   * @param name the job's name, under which its checkpoints and leases are kept
   * @return a builder
   * @throws ZdmException if the name is not valid
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Installs zdm's schema (checkpoints, leases) in the database and reads every table's shape.
   * Idempotent.
   *
   * @throws ZdmException if a table does not exist or has no primary key
   */
  public void install() {
    SchemaInstaller.builder(database.dataSource())
        .tablePrefix(database.tables().prefix())
        .schema(database.tables().schema().orElse(null))
        .build()
        .install();
    updaters.forEach(JdbcRangeUpdater::shape);
  }

  /**
   * Plans or loads the ranges and runs the job to its end in this process (with any others).
   *
   * @return the final progress; rows are the keys the chunks covered
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
   * Waits for the end of the job.
   *
   * @param timeout how long at most
   * @return true if every range is finished
   */
  public boolean awaitCompletion(Duration timeout) {
    return scheduler.awaitCompletion(timeout);
  }

  /** Lets no new chunk start until {@link #resume()}. Thread-safe. */
  public void pause() {
    scheduler.pause();
  }

  /** Lets chunks start again. Thread-safe. */
  public void resume() {
    scheduler.resume();
  }

  /**
   * Changes the rate limit at runtime.
   *
   * @param rowsPerSecond keys per second over this process's chunks; 0 for none
   * @throws ZdmException if negative or not a number
   */
  public void rowsPerSecond(double rowsPerSecond) {
    scheduler.rowsPerSecond(rowsPerSecond);
  }

  /**
   * Returns the progress per table and overall; rows are keys covered.
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

  /** Builds an {@link InPlaceJob}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private DataSource dataSource;
    private final Map<String, String> statements = new LinkedHashMap<>();
    private final List<BackoffProbe> probes = new ArrayList<>();
    private String tablePrefix = ZdmTables.DEFAULT_PREFIX;
    private String zdmSchema;
    private BackfillConfig config = BackfillConfig.defaults();
    private Clock clock = Clock.systemUTC();
    private MeterRegistry meterRegistry = new SimpleMeterRegistry();
    private BackfillListener listener = BackfillListener.NONE;
    private ThreadFactory threadFactory;
    private String owner = UUID.randomUUID().toString().substring(0, 8);

    private Builder(String name) {
      this.name = MigrationName.require(name);
    }

    /** Sets the database the job runs in (required). */
    public Builder on(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * Adds a table and the statement each chunk of its key ranges runs.
     *
     * @param table the table, exactly as the catalog spells it; it needs a primary key
     * @param statement SQL with {@code {range}} exactly once, where the chunk's key condition goes
     *     (such as {@code UPDATE t SET c = f(x) WHERE {range} AND c IS NULL}), and no other
     *     parameter markers
     * @throws ZdmException if the table is added twice ({@link #build()} refuses a statement
     *     without {@code {range}} exactly once)
     */
    public Builder table(String table, String statement) {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(statement, "statement");
      if (statements.putIfAbsent(table, statement) != null) {
        throw new ZdmException(name + ": table " + table + " is configured twice; keep one");
      }
      return this;
    }

    /** Sets the configuration (default {@link BackfillConfig#defaults()}). */
    public Builder config(BackfillConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Backs off while a health query on the database returns more than a bound.
     *
     * @param query a query returning one number, such as the count of active sessions
     * @param bound the largest value at which the job goes on
     */
    public Builder health(String query, double bound) {
      Objects.requireNonNull(query, "query");
      return probe(
          new SqlHealthProbe(Objects.requireNonNull(dataSource, "on() first"), query, bound));
    }

    /** Adds a probe the job backs off for while it is over its limit. */
    public Builder probe(BackoffProbe probe) {
      this.probes.add(Objects.requireNonNull(probe, "probe"));
      return this;
    }

    /** Sets zdm's table prefix (default {@code zdm_}). */
    public Builder tablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
      return this;
    }

    /** Sets the schema of zdm's own tables (default: the current one). */
    public Builder zdmSchema(String schema) {
      this.zdmSchema = schema;
      return this;
    }

    /** Sets the clock for leases, rates and throttling. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the registry of the job's meters (the backfill's, tagged with the job's name). */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
      return this;
    }

    /** Sets the listener. */
    public Builder listener(BackfillListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Sets the factory of worker threads. */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
      return this;
    }

    /** Sets the name this process leases ranges under (default random); unique per process. */
    public Builder owner(String owner) {
      this.owner = Objects.requireNonNull(owner, "owner");
      return this;
    }

    /**
     * Builds the job; nothing runs until {@link InPlaceJob#run()} or {@link InPlaceJob#start()}.
     *
     * @return the job
     * @throws ZdmException naming what is missing
     */
    public InPlaceJob build() {
      if (dataSource == null) {
        throw new ZdmException(name + ": an in-place job needs a data source, on(dataSource)");
      }
      if (statements.isEmpty()) {
        throw new ZdmException(name + ": an in-place job needs at least one table(table, sql)");
      }
      return new InPlaceJob(this);
    }
  }
}
