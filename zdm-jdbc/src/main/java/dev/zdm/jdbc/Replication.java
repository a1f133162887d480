package dev.zdm.jdbc;

import dev.zdm.MigrationName;
import dev.zdm.Phase;
import dev.zdm.ZdmException;
import dev.zdm.jdbc.capture.CaptureInstaller;
import dev.zdm.jdbc.capture.CapturedTable;
import dev.zdm.jdbc.outbox.JdbcDeadLetterStore;
import dev.zdm.jdbc.outbox.JdbcLeaseStore;
import dev.zdm.jdbc.outbox.JdbcOutboxStore;
import dev.zdm.jdbc.relay.JdbcChangeApplier;
import dev.zdm.jdbc.schema.SchemaInstaller;
import dev.zdm.jdbc.schema.ZdmTables;
import dev.zdm.mapping.TableMapping;
import dev.zdm.relay.DeadLetters;
import dev.zdm.relay.OutboxRelay;
import dev.zdm.relay.RelayConfig;
import dev.zdm.relay.RelayListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One direction of a migration's replication, wired from its parts: zdm's schema in both databases,
 * capture triggers on the tables of the capturing database ({@code from}), and an {@link
 * OutboxRelay} that copies their changes to the other database ({@code to}).
 *
 * <pre>{@code
 * try (Replication replication = Replication.builder("orders-to-pg")
 *     .from(sourcePool).to(targetPool)
 *     .table("orders")
 *     .table(TableMapping.builder("order_lines").targetTable("lines").build())
 *     .build()) {
 *   replication.install();   // idempotent: schema, capture, checks of every table pair
 *   replication.start();     // relay workers run until close()
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the relay; capture stays installed (the outbox keeps
 * filling) until {@link #removeCapture()}.
 */
public final class Replication implements AutoCloseable {

  private final String migration;
  private final ZdmDatabase from;
  private final ZdmDatabase to;
  private final List<TableMapping> mappings;
  private final RelayConfig relayConfig;
  private final JdbcChangeApplier applier;
  private final OutboxRelay relay;
  private final DeadLetters deadLetters;
  private final JdbcOutboxStore outbox;
  private final Phase.Side captureSide;

  private Replication(Builder b) {
    this.captureSide = b.captureSide;
    this.migration = b.migration;
    ZdmTables tables = ZdmTables.of(b.tablePrefix, b.zdmSchema);
    this.from = ZdmDatabase.of(b.from, tables);
    this.to = ZdmDatabase.of(b.to, tables);
    this.mappings = List.copyOf(b.mappings.values());
    this.relayConfig = b.relayConfig;
    this.applier = new JdbcChangeApplier(migration, from, to, mappings);
    this.outbox = new JdbcOutboxStore(from);
    JdbcDeadLetterStore deadLetterStore = new JdbcDeadLetterStore(from);
    this.deadLetters = new DeadLetters(migration, deadLetterStore);
    this.relay =
        OutboxRelay.builder(migration)
            .config(relayConfig)
            .outbox(outbox)
            .leases(new JdbcLeaseStore(from, b.clock))
            .deadLetters(deadLetterStore)
            .applier(applier)
            .clock(b.clock)
            .meterRegistry(b.meterRegistry)
            .listener(b.listener)
            .owner(b.owner)
            .build();
  }

  /**
   * Starts building the replication of one migration.
   *
   * @param migration the migration's name
   * @return a builder
   * @throws ZdmException if the name is not valid
   */
  public static Builder builder(String migration) {
    return new Builder(migration);
  }

  /**
   * Installs what replication needs, idempotently: zdm's schema in both databases, capture on every
   * configured table of the capturing database, and a check that every table pair can be carried
   * (names, keys, types).
   *
   * @return the captured tables with their key columns
   * @throws ZdmException naming the table, column and what to do when something does not fit
   */
  public List<CapturedTable> install() {
    SchemaInstaller.builder(from.dataSource())
        .tablePrefix(from.tables().prefix())
        .schema(from.tables().schema().orElse(null))
        .build()
        .install();
    SchemaInstaller.builder(to.dataSource())
        .tablePrefix(to.tables().prefix())
        .schema(to.tables().schema().orElse(null))
        .build()
        .install();
    applier.check();
    return capture().install(mappings.stream().map(TableMapping::sourceTable).toList());
  }

  /**
   * Removes the capture triggers of this migration; writes stop reaching the outbox.
   *
   * @return the tables whose capture was removed
   */
  public List<String> removeCapture() {
    return capture().removeAll();
  }

  /** Starts the relay's workers; see {@link OutboxRelay#start()}. */
  public void start() {
    relay.start();
  }

  /**
   * Returns the relay, for draining, stepping and its figures.
   *
   * @return the relay
   */
  public OutboxRelay relay() {
    return relay;
  }

  /**
   * Returns the dead letters of this migration.
   *
   * @return the operator's view of parked changes
   */
  public DeadLetters deadLetters() {
    return deadLetters;
  }

  /**
   * Returns the migration's name.
   *
   * @return the name
   */
  public String migration() {
    return migration;
  }

  /** Stops the relay and releases its leases. */
  @Override
  public void close() {
    relay.close();
  }

  private CaptureInstaller capture() {
    return CaptureInstaller.builder(from.dataSource())
        .migration(migration)
        .tablePrefix(from.tables().prefix())
        .schema(from.tables().schema().orElse(null))
        .partitions(relayConfig.partitions())
        .side(captureSide)
        .build();
  }

  /** Builds a {@link Replication}. Not thread-safe. */
  public static final class Builder {
    private final String migration;
    private DataSource from;
    private DataSource to;
    private final Map<String, TableMapping> mappings = new LinkedHashMap<>();
    private String tablePrefix = ZdmTables.DEFAULT_PREFIX;
    private String zdmSchema;
    private RelayConfig relayConfig = RelayConfig.defaults();
    private Clock clock = Clock.systemUTC();
    private MeterRegistry meterRegistry = new SimpleMeterRegistry();
    private RelayListener listener = RelayListener.NONE;
    private String owner = UUID.randomUUID().toString().substring(0, 8);
    private Phase.Side captureSide = Phase.Side.SOURCE;

    private Builder(String migration) {
      this.migration = MigrationName.require(migration);
    }

    /** Sets the capturing database (required): the source, or the target when reversed. */
    public Builder from(DataSource from) {
      this.from = from;
      return this;
    }

    /** Sets the database rows are applied to (required). */
    public Builder to(DataSource to) {
      this.to = to;
      return this;
    }

    /** Adds a table copied as it is, under the same name. */
    public Builder table(String table) {
      return table(TableMapping.identity(table));
    }

    /** Adds a table with its mapping (target name, renamed, dropped and computed columns). */
    public Builder table(TableMapping mapping) {
      if (mappings.putIfAbsent(mapping.sourceTable(), mapping) != null) {
        throw new ZdmException(
            migration
                + ": table "
                + mapping.sourceTable()
                + " is configured twice; keep one mapping");
      }
      return this;
    }

    /** Sets zdm's table prefix in both databases (default {@code zdm_}). */
    public Builder tablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
      return this;
    }

    /** Sets the schema of zdm's own tables in both databases (default: the current one). */
    public Builder zdmSchema(String schema) {
      this.zdmSchema = schema;
      return this;
    }

    /** Sets the relay's configuration. */
    public Builder relay(RelayConfig config) {
      this.relayConfig = Objects.requireNonNull(config, "relay");
      return this;
    }

    /** Sets the clock used for leases. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the registry of the relay's meters. */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
      return this;
    }

    /** Sets a relay listener. */
    public Builder listener(RelayListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets which database of the migration the capturing database ({@code from}) is, so that its
     * triggers fence and capture in the right phases: {@code SOURCE} (the default) for forward
     * replication, {@code TARGET} for the reverse replication after cutover.
     *
     * @param side {@code SOURCE} or {@code TARGET}
     * @return this builder
     */
    public Builder captureSide(Phase.Side side) {
      this.captureSide = Objects.requireNonNull(side, "captureSide");
      return this;
    }

    /** Sets the name this process leases work under (default random); unique per process. */
    public Builder owner(String owner) {
      this.owner = Objects.requireNonNull(owner, "owner");
      return this;
    }

    /**
     * Builds the replication; nothing is installed until {@link Replication#install()}.
     *
     * @return the replication
     * @throws ZdmException naming what is missing
     */
    public Replication build() {
      if (from == null || to == null) {
        throw new ZdmException(migration + ": replication needs both from() and to() data sources");
      }
      if (mappings.isEmpty()) {
        throw new ZdmException(migration + ": replication needs at least one table");
      }
      List<String> targets = new ArrayList<>();
      for (TableMapping mapping : mappings.values()) {
        if (targets.contains(mapping.targetTable())) {
          throw new ZdmException(
              migration + ": two tables map to target table " + mapping.targetTable());
        }
        targets.add(mapping.targetTable());
      }
      return new Replication(this);
    }
  }
}
