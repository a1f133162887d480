package dev.zdm.jdbc;

import dev.zdm.MigrationName;
import dev.zdm.ZdmException;
import dev.zdm.backfill.BackfillConfig;
import dev.zdm.backfill.BackfillListener;
import dev.zdm.backfill.BackfillScheduler;
import dev.zdm.backfill.BackoffProbe;
import dev.zdm.jdbc.backfill.JdbcChunkCopier;
import dev.zdm.jdbc.backfill.SqlHealthProbe;
import dev.zdm.jdbc.schema.SchemaInstaller;
import dev.zdm.jdbc.schema.ZdmTables;
import dev.zdm.mapping.TableMapping;
import dev.zdm.relay.OutboxRelay;
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
 * Copies the history of a migration's tables from the source to the target while the service keeps
 * writing, in checkpointed, leased, throttled chunks (see {@code docs/backfill.md}). Run it while
 * {@link Replication} relays live changes: the backfill copies what existed when it started, the
 * relay everything written since.
 *
 * <pre>{@code
 * try (Backfill backfill = Backfill.builder("orders-to-pg")
 *     .from(sourcePool).to(targetPool)
 *     .table("customers")
 *     .table(TableMapping.builder("orders").targetTable("purchase_orders").build())
 *     .config(BackfillConfig.builder().maxConcurrency(4).chunkTimeTarget(Duration.ofMillis(50)).build())
 *     .backOffWhenRelayLagAbove(replication.relay(), Duration.ofSeconds(5))
 *     .build()) {
 *   backfill.install();
 *   BackfillProgress done = backfill.run();   // or start(), pause(), resume(), progress()
 * }
 * }</pre>
 *
 * <p>Thread-safe. State lives in the target database (checkpoints and range leases), so any number
 * of processes may run the same backfill, a restarted one goes on from its checkpoints, and running
 * a finished backfill again does nothing.
 */
public final class Backfill extends ChunkedWork {

  private final String migration;
  private final ZdmDatabase target;
  private final List<JdbcChunkCopier> copiers;

  private Backfill(Builder b) {
    this(b, ZdmTables.of(b.tablePrefix, b.zdmSchema));
  }

  private Backfill(Builder b, ZdmTables tables) {
    this(b, ZdmDatabase.of(b.from, tables), ZdmDatabase.of(b.to, tables), new ArrayList<>());
  }

  private Backfill(
      Builder b, ZdmDatabase source, ZdmDatabase target, List<JdbcChunkCopier> copiers) {
    super(assemble(b, source, target, copiers));
    this.migration = b.migration;
    this.target = target;
    this.copiers = copiers;
  }

  private static BackfillScheduler assemble(
      Builder b, ZdmDatabase source, ZdmDatabase target, List<JdbcChunkCopier> copiers) {
    BackfillScheduler.Builder scheduler =
        engine(
            b.migration,
            target,
            b.config,
            b.clock,
            b.meterRegistry,
            b.listener,
            b.owner,
            b.threadFactory,
            b.probes);
    for (TableMapping mapping : b.mappings.values()) {
      JdbcChunkCopier copier =
          new JdbcChunkCopier(b.migration, mapping, source, target, b.postgresCopy);
      copiers.add(copier);
      scheduler.copier(copier);
    }
    return scheduler.build();
  }

  /**
   * Starts building the backfill of one migration.
   *
   * @param migration the migration's name
   * @return a builder
   * @throws ZdmException if the name is not valid
   */
  public static Builder builder(String migration) {
    return new Builder(migration);
  }

  /**
   * Installs zdm's schema in the target (where checkpoints and range leases live) and checks every
   * table pair. Idempotent.
   *
   * @throws ZdmException naming the table and column that cannot be carried
   */
  public void install() {
    SchemaInstaller.builder(target.dataSource())
        .tablePrefix(target.tables().prefix())
        .schema(target.tables().schema().orElse(null))
        .build()
        .install();
    copiers.forEach(JdbcChunkCopier::pair);
  }

  /**
   * Returns the migration's name.
   *
   * @return the name
   */
  public String migration() {
    return migration;
  }

  /** Builds a {@link Backfill}. Not thread-safe. */
  public static final class Builder {
    private final String migration;
    private DataSource from;
    private DataSource to;
    private final Map<String, TableMapping> mappings = new LinkedHashMap<>();
    private final List<BackoffProbe> probes = new ArrayList<>();
    private String tablePrefix = ZdmTables.DEFAULT_PREFIX;
    private String zdmSchema;
    private BackfillConfig config = BackfillConfig.defaults();
    private Clock clock = Clock.systemUTC();
    private MeterRegistry meterRegistry = new SimpleMeterRegistry();
    private BackfillListener listener = BackfillListener.NONE;
    private ThreadFactory threadFactory;
    private String owner = UUID.randomUUID().toString().substring(0, 8);
    private boolean postgresCopy = true;

    private Builder(String migration) {
      this.migration = MigrationName.require(migration);
    }

    /** Sets the database rows are read from (required). */
    public Builder from(DataSource from) {
      this.from = from;
      return this;
    }

    /** Sets the database rows, checkpoints and range leases are written to (required). */
    public Builder to(DataSource to) {
      this.to = to;
      return this;
    }

    /** Adds a table copied as it is, under the same name. */
    public Builder table(String table) {
      return table(TableMapping.identity(table));
    }

    /** Adds a table with its mapping; use the same mapping as the replication's. */
    public Builder table(TableMapping mapping) {
      if (mappings.putIfAbsent(mapping.sourceTable(), mapping) != null) {
        throw new ZdmException(
            migration + ": table " + mapping.sourceTable() + " is configured twice; keep one");
      }
      return this;
    }

    /** Sets the configuration (default {@link BackfillConfig#defaults()}). */
    public Builder config(BackfillConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Backs off while the relay's lag (age of its oldest pending change) is above a bound. */
    public Builder backOffWhenRelayLagAbove(OutboxRelay relay, Duration bound) {
      Objects.requireNonNull(relay, "relay");
      Objects.requireNonNull(bound, "bound");
      return probe(
          new BackoffProbe() {
            @Override
            public String name() {
              return "relay-lag";
            }

            @Override
            public boolean overLimit() {
              return relay.lag().compareTo(bound) > 0;
            }
          });
    }

    /**
     * Backs off while a health query on the source returns more than a bound.
     *
     * @param query a query returning one number, such as the count of active sessions
     * @param bound the largest value at which the backfill goes on
     */
    public Builder sourceHealth(String query, double bound) {
      Objects.requireNonNull(query, "query");
      return probe(new SqlHealthProbe(Objects.requireNonNull(from, "from() first"), query, bound));
    }

    /** Adds a probe of the user's own. */
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
     * Chooses whether chunks between two PostgreSQL databases stream through binary {@code COPY}
     * into a staging table merged into the target (default true; taken only where the pair allows,
     * see {@code docs/backfill.md}), or always through the batched upsert.
     */
    public Builder postgresCopy(boolean enabled) {
      this.postgresCopy = enabled;
      return this;
    }

    /**
     * Builds the backfill; nothing runs until {@link Backfill#run()} or {@link Backfill#start()}.
     *
     * @return the backfill
     * @throws ZdmException naming what is missing
     */
    public Backfill build() {
      if (from == null || to == null) {
        throw new ZdmException(migration + ": a backfill needs both from() and to() data sources");
      }
      if (mappings.isEmpty()) {
        throw new ZdmException(migration + ": a backfill needs at least one table");
      }
      return new Backfill(this);
    }
  }
}
