package dev.zdm.jdbc;

import dev.zdm.MigrationName;
import dev.zdm.ZdmException;
import dev.zdm.backfill.BackfillConfig;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.rows.TablePair;
import dev.zdm.jdbc.schema.SchemaInstaller;
import dev.zdm.jdbc.schema.ZdmTables;
import dev.zdm.jdbc.verify.CheckpointProgress;
import dev.zdm.jdbc.verify.JdbcTableComparator;
import dev.zdm.jdbc.verify.OutboxRepair;
import dev.zdm.jdbc.verify.OutboxWatermark;
import dev.zdm.jdbc.verify.VerificationLog;
import dev.zdm.mapping.TableMapping;
import dev.zdm.relay.RelayConfig;
import dev.zdm.verify.Difference;
import dev.zdm.verify.VerificationReport;
import dev.zdm.verify.Verifier;
import dev.zdm.verify.VerifyListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;

/**
 * Verifies that the target holds what the source holds, table by table, while the service keeps
 * writing (see {@code docs/verify.md}): counts and digests per chunk, bisection of mismatching
 * chunks to the exact keys, a re-check of each difference after the relay has caught up, and a
 * report. Every run is recorded in zdm's verifications table on the source, which the phase guards
 * read.
 *
 * <pre>{@code
 * try (Verification verification = Verification.builder("orders-to-pg")
 *     .from(sourcePool).to(targetPool)
 *     .table("customers")
 *     .table(TableMapping.builder("orders").targetTable("purchase_orders").build())
 *     .build()) {
 *   VerificationReport report = verification.run();
 *   System.out.print(report.toText());
 *   if (report.outcome() == VerificationReport.Outcome.DIFFERENCES) {
 *     verification.repair(report);   // the relay copies the source's rows; then run() again
 *   }
 * }
 * }</pre>
 *
 * <p>Thread-safe; one run at a time per instance. Comparisons hold no locks and write nothing to
 * either side's tables; the verifications row, the progress of an interrupted run and repairs are
 * written to zdm's tables on the source.
 */
public final class Verification implements AutoCloseable {

  private final String migration;
  private final Builder settings;
  private final ZdmDatabase source;
  private final ZdmDatabase target;
  private volatile Map<String, TablePair> pairs;
  private volatile Verifier verifier;

  private Verification(Builder b) {
    this.migration = b.migration;
    this.settings = b;
    ZdmTables tables = ZdmTables.of(b.tablePrefix, b.zdmSchema);
    this.source = ZdmDatabase.of(b.from, tables);
    this.target = ZdmDatabase.of(b.to, tables);
  }

  /**
   * Starts building the verification of one migration.
   *
   * @param migration the migration's name
   * @return a builder
   * @throws ZdmException if the name is not valid
   */
  public static Builder builder(String migration) {
    return new Builder(migration);
  }

  /**
   * Installs zdm's schema on the source (verification log, progress, outbox) and checks every table
   * pair. Idempotent.
   *
   * @throws ZdmException naming the table and column that cannot be compared
   */
  public void install() {
    SchemaInstaller.builder(source.dataSource())
        .tablePrefix(source.tables().prefix())
        .schema(source.tables().schema().orElse(null))
        .build()
        .install();
    verifier();
  }

  /**
   * Compares every table and records the run in the verifications table: {@code running} at start,
   * then {@code clean}, {@code differences} or {@code failed} with the counts and the JSON report
   * without values.
   *
   * @return the report; row values only if {@link Builder#showValues(boolean)} was set
   * @throws ZdmException if the run failed (the recorded outcome is then {@code failed}) or zdm's
   *     tables are missing on the source
   */
  public VerificationReport run() {
    VerificationLog log = new VerificationLog(source);
    long id = log.started(migration, settings.clock.millis());
    VerificationReport report;
    try {
      report = verifier().run();
    } catch (RuntimeException e) {
      report =
          new VerificationReport(
              migration,
              settings.clock.instant(),
              settings.clock.instant(),
              List.of(),
              java.util.Optional.of(String.valueOf(e.getMessage())));
      log.finished(id, report);
      throw e;
    }
    log.finished(id, report);
    if (report.outcome() == VerificationReport.Outcome.FAILED) {
      throw new ZdmException(report.error().orElseThrow());
    }
    return report;
  }

  /**
   * Enqueues every difference's key into the source's outbox, as the capture triggers would for an
   * update of that row, so that the relay copies the source's row (or removes the target's). Run
   * the verification again once the relay has applied them.
   *
   * @param report a report of this verification
   * @return how many keys were enqueued
   * @throws ZdmException if the outbox refuses
   */
  public int repair(VerificationReport report) {
    Map<String, Set<RowKey>> keys = new LinkedHashMap<>();
    for (Difference difference : report.differences()) {
      keys.computeIfAbsent(difference.table(), t -> new LinkedHashSet<>()).add(difference.key());
    }
    OutboxRepair repair = new OutboxRepair(source, migration, settings.partitions);
    int enqueued = 0;
    for (Map.Entry<String, Set<RowKey>> table : keys.entrySet()) {
      TablePair pair = pairs().get(table.getKey());
      if (pair == null) {
        throw new ZdmException(
            migration
                + ": the report names table "
                + table.getKey()
                + ", which this verification does not compare");
      }
      enqueued += repair.enqueue(pair.source(), table.getValue());
    }
    return enqueued;
  }

  /**
   * Returns the migration's name.
   *
   * @return the name
   */
  public String migration() {
    return migration;
  }

  /** Releases nothing today; present so that a verification can live in try-with-resources. */
  @Override
  public void close() {}

  private Verifier verifier() {
    Verifier v = verifier;
    if (v == null) {
      synchronized (this) {
        if (verifier == null) {
          Verifier.Builder builder =
              Verifier.builder(migration)
                  .config(settings.config)
                  .clock(settings.clock)
                  .listener(settings.listener)
                  .meterRegistry(settings.meterRegistry)
                  .watermark(
                      settings.liveTraffic
                          ? new OutboxWatermark(source, migration)
                          : dev.zdm.verify.RelayWatermark.NONE)
                  .progress(new CheckpointProgress(source, migration))
                  .recheck(settings.recheckRounds, settings.recheckTimeout)
                  .showValues(settings.showValues)
                  .leafRows(settings.leafRows);
          if (settings.threadFactory != null) {
            builder.threadFactory(settings.threadFactory);
          }
          for (TablePair pair : pairs().values()) {
            builder.comparator(
                new JdbcTableComparator(migration, pair, source.dataSource(), target.dataSource()),
                pair.target().table());
          }
          verifier = builder.build();
        }
        v = verifier;
      }
    }
    return v;
  }

  private Map<String, TablePair> pairs() {
    Map<String, TablePair> read = pairs;
    if (read == null) {
      synchronized (this) {
        if (pairs == null) {
          Map<String, TablePair> all = new LinkedHashMap<>();
          try (Connection s = source.dataSource().getConnection();
              Connection t = target.dataSource().getConnection()) {
            for (TableMapping mapping : settings.mappings.values()) {
              all.put(mapping.sourceTable(), TablePair.read(mapping, s, t));
            }
          } catch (SQLException e) {
            throw new ZdmException(
                migration
                    + ": reading the tables to verify failed (SQLState "
                    + e.getSQLState()
                    + "): "
                    + e.getMessage(),
                e);
          }
          pairs = all;
        }
        read = pairs;
      }
    }
    return read;
  }

  /** Builds a {@link Verification}. Not thread-safe. */
  public static final class Builder {
    private final String migration;
    private DataSource from;
    private DataSource to;
    private final Map<String, TableMapping> mappings = new LinkedHashMap<>();
    private String tablePrefix = ZdmTables.DEFAULT_PREFIX;
    private String zdmSchema;
    private BackfillConfig config = BackfillConfig.defaults();
    private int partitions = RelayConfig.builder().build().partitions();
    private boolean liveTraffic = true;
    private int recheckRounds = 3;
    private Duration recheckTimeout = Duration.ofSeconds(60);
    private boolean showValues;
    private int leafRows = 256;
    private Clock clock = Clock.systemUTC();
    private MeterRegistry meterRegistry = new SimpleMeterRegistry();
    private VerifyListener listener = VerifyListener.NONE;
    private ThreadFactory threadFactory;

    private Builder(String migration) {
      this.migration = MigrationName.require(migration);
    }

    /** Sets the source database, whose mapped rows are the truth (required). */
    public Builder from(DataSource from) {
      this.from = from;
      return this;
    }

    /** Sets the target database (required). */
    public Builder to(DataSource to) {
      this.to = to;
      return this;
    }

    /** Adds a table compared under the same name and columns. */
    public Builder table(String table) {
      return table(TableMapping.identity(table));
    }

    /** Adds a table with its mapping; use the replication's mapping. */
    public Builder table(TableMapping mapping) {
      if (mappings.putIfAbsent(mapping.sourceTable(), mapping) != null) {
        throw new ZdmException(
            migration + ": table " + mapping.sourceTable() + " is configured twice; keep one");
      }
      return this;
    }

    /**
     * Sets chunk size ({@link BackfillConfig#maxChunkSize()} rows per chunk), concurrency, rate
     * limit and retries: the backfill's settings, so one object throttles both.
     */
    public Builder config(BackfillConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Sets the relay's partition count, which repairs hash keys into (default the relay's). */
    public Builder relayPartitions(int partitions) {
      if (partitions < 1) {
        throw new ZdmException("verify.relayPartitions must be >= 1, was " + partitions);
      }
      this.partitions = partitions;
      return this;
    }

    /**
     * Tells whether the relay replicates the source while verifying (default true): re-checks then
     * wait for the relay to apply what was captured before them.
     */
    public Builder liveTraffic(boolean liveTraffic) {
      this.liveTraffic = liveTraffic;
      return this;
    }

    /** Sets the re-check rounds (1 to 20, default 3) and how long each waits for the relay. */
    public Builder recheck(int rounds, Duration relayTimeout) {
      this.recheckRounds = rounds;
      this.recheckTimeout = Objects.requireNonNull(relayTimeout, "relayTimeout");
      return this;
    }

    /** Puts row values into reports returned to the caller (default false); never into the log. */
    public Builder showValues(boolean showValues) {
      this.showValues = showValues;
      return this;
    }

    /** Sets the size below which a mismatching part of a chunk is compared row by row. */
    public Builder leafRows(int leafRows) {
      this.leafRows = leafRows;
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

    /** Sets the clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the registry of the {@code zdm.verify.*} meters. */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
      return this;
    }

    /** Sets the listener. */
    public Builder listener(VerifyListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Sets the factory of worker threads. */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
      return this;
    }

    /**
     * Builds the verification; tables are read at {@link Verification#install()} or the first run.
     *
     * @return the verification
     * @throws ZdmException naming what is missing
     */
    public Verification build() {
      if (from == null || to == null) {
        throw new ZdmException(
            migration + ": a verification needs both from() and to() data sources");
      }
      if (mappings.isEmpty()) {
        throw new ZdmException(migration + ": a verification needs at least one table");
      }
      return new Verification(this);
    }
  }
}
