package dev.zdm.jdbc;

import dev.zdm.MigrationName;
import dev.zdm.ZdmException;
import dev.zdm.backfill.BackfillConfig;
import dev.zdm.backfill.BackfillListener;
import dev.zdm.backfill.BackfillScheduler;
import dev.zdm.backfill.BackoffProbe;
import dev.zdm.jdbc.backfill.JdbcRangeUpdater;
import dev.zdm.jdbc.backfill.SqlHealthProbe;
import dev.zdm.jdbc.schema.SchemaInstaller;
import dev.zdm.jdbc.schema.ZdmTables;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
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
public final class InPlaceJob extends ChunkedWork {

  private final ZdmDatabase database;
  private final List<JdbcRangeUpdater> updaters;

  private InPlaceJob(Builder b) {
    this(
        b,
        ZdmDatabase.of(b.dataSource, ZdmTables.of(b.tablePrefix, b.zdmSchema)),
        new ArrayList<>());
  }

  private InPlaceJob(Builder b, ZdmDatabase database, List<JdbcRangeUpdater> updaters) {
    super(assemble(b, database, updaters));
    this.database = database;
    this.updaters = updaters;
  }

  private static BackfillScheduler assemble(
      Builder b, ZdmDatabase database, List<JdbcRangeUpdater> updaters) {
    BackfillScheduler.Builder scheduler =
        engine(
            b.name,
            database,
            b.config,
            b.clock,
            b.meterRegistry,
            b.listener,
            b.owner,
            b.threadFactory,
            b.probes);
    b.statements.forEach(
        (table, statement) -> {
          JdbcRangeUpdater updater = new JdbcRangeUpdater(b.name, table, statement, database);
          updaters.add(updater);
          scheduler.copier(updater);
        });
    return scheduler.build();
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
