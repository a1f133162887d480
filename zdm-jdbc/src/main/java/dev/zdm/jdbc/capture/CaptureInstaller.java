package dev.zdm.jdbc.capture;

import dev.zdm.MigrationName;
import dev.zdm.Phase;
import dev.zdm.ZdmException;
import dev.zdm.jdbc.Dialect;
import dev.zdm.jdbc.Dialects;
import dev.zdm.jdbc.schema.ZdmTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs and removes the capture triggers of one migration: for each migrated table, triggers
 * that write every committed change's primary key into zdm's outbox in the writer's transaction,
 * whoever the writer is, except zdm's own marked sessions (see {@link CaptureSql}).
 *
 * <p>Tables are looked up in the catalog of the configured table schema, or of the connection's
 * current schema, and always quoted. A table must have a primary key; a table carrying zdm's table
 * prefix is never captured, and a table is captured for one migration at a time per prefix.
 * Installing what is installed is a no-op that takes no table lock; removing what is not there is a
 * no-op. Changes are serialised with zdm's schema installs by the same database lock. Instances are
 * immutable and thread-safe; each call borrows one connection.
 */
public final class CaptureInstaller {

  /** The partition count used when none is configured. */
  public static final int DEFAULT_PARTITIONS = 16;

  /** The largest partition count accepted. */
  public static final int MAX_PARTITIONS = 4096;

  /** How long DDL waits for a captured table's lock when nothing else is configured. */
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(CaptureInstaller.class);

  private final DataSource dataSource;
  private final String migration;
  private final ZdmTables tables;
  private final String tableSchema;
  private final int partitions;
  private final Duration lockTimeout;
  private final Dialect dialect;
  private final Phase.Side side;

  private CaptureInstaller(Builder builder) {
    this.dataSource = builder.dataSource;
    this.migration = MigrationName.require(builder.migration);
    this.tables = ZdmTables.of(builder.tablePrefix, builder.schema);
    this.tableSchema = builder.tableSchema;
    this.partitions = builder.partitions;
    this.lockTimeout = builder.lockTimeout;
    this.dialect = builder.dialect;
    this.side = builder.side;
    if (side == null || side == Phase.Side.NONE) {
      throw new ZdmException("capture.side must be SOURCE or TARGET, was " + side);
    }
    if (partitions < 1 || partitions > MAX_PARTITIONS) {
      throw new ZdmException(
          "capture.partitions must be 1 to " + MAX_PARTITIONS + ", was " + partitions);
    }
    if (lockTimeout == null || lockTimeout.isNegative() || lockTimeout.isZero()) {
      throw new ZdmException("capture.lockTimeout must be positive, was " + lockTimeout);
    }
  }

  /**
   * Starts building an installer for the database behind a data source.
   *
   * @param dataSource the database whose tables are captured and which holds zdm's outbox
   * @return a builder; {@link Builder#migration(String)} is required
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * Returns the migration whose changes the triggers record.
   *
   * @return the validated migration name
   */
  public String migration() {
    return migration;
  }

  /**
   * Returns where zdm's outbox is.
   *
   * @return zdm's table names
   */
  public ZdmTables tables() {
    return tables;
  }

  /**
   * Returns how many relay partitions the triggers spread keys over.
   *
   * @return at least 1
   */
  public int partitions() {
    return partitions;
  }

  /**
   * Captures one table, or brings its capture up to date with this installer's settings.
   *
   * @param table the table's name in the table schema
   * @return the captured table with its primary key
   * @throws ZdmException if zdm's schema is not installed, the table does not exist, has no primary
   *     key or an unsupported key type, is one of zdm's tables or is captured for another
   *     migration, or the database refuses
   */
  public CapturedTable install(String table) {
    return install(List.of(table)).get(0);
  }

  /**
   * Captures several tables. Every table is validated before any trigger is created.
   *
   * @param tables table names in the table schema
   * @return the captured tables, in the order given
   * @throws ZdmException as {@link #install(String)}; tables validated before the failure are not
   *     captured, tables whose triggers were created before a database failure stay captured
   */
  public List<CapturedTable> install(Collection<String> tables) {
    List<String> names = List.copyOf(Objects.requireNonNull(tables, "tables"));
    return run(
        true,
        session -> {
          session.requireOutbox();
          List<CaptureDefinition> definitions = new ArrayList<>();
          for (String name : names) {
            definitions.add(session.define(name));
          }
          List<InstalledCapture> existing = session.installed();
          for (CaptureDefinition definition : definitions) {
            session.refuseOtherMigration(definition, existing);
          }
          List<CapturedTable> captured = new ArrayList<>();
          for (CaptureDefinition definition : definitions) {
            session.install(definition);
            captured.add(session.describe(definition));
          }
          return captured;
        });
  }

  /**
   * Stops capturing one table for this migration and drops its capture objects.
   *
   * @param table the table's name in the table schema
   * @return true if something was removed, false if the table was not captured for this migration
   * @throws ZdmException if the database refuses
   */
  public boolean remove(String table) {
    Objects.requireNonNull(table, "table");
    return run(
        true,
        session -> {
          String name = session.catalogName(table);
          boolean removed = false;
          for (InstalledCapture capture : session.ownCaptures()) {
            if (capture.schema().equals(session.tableSchema()) && name.equals(capture.table())) {
              session.remove(capture);
              removed = true;
            }
          }
          return removed;
        });
  }

  /**
   * Stops capturing every table of this migration that writes to this outbox, in any schema, and
   * drops leftover trigger functions of tables that were dropped.
   *
   * @return the names of the tables whose capture was removed
   * @throws ZdmException if the database refuses
   */
  public List<String> removeAll() {
    return run(
        true,
        session -> {
          List<String> removed = new ArrayList<>();
          for (InstalledCapture capture : session.ownCaptures()) {
            session.remove(capture);
            if (capture.table() != null) {
              removed.add(capture.table());
            }
          }
          return removed;
        });
  }

  /**
   * Returns the tables of the table schema captured for this migration, with their primary keys as
   * the catalog has them now.
   *
   * @return the captured tables, in no particular order
   * @throws ZdmException if the database is unreachable
   */
  public List<CapturedTable> installedTables() {
    return run(
        false,
        session -> {
          List<CapturedTable> captured = new ArrayList<>();
          for (InstalledCapture capture : session.ownCaptures()) {
            if (capture.table() != null && capture.schema().equals(session.tableSchema())) {
              captured.add(session.describe(capture.table()));
            }
          }
          return captured;
        });
  }

  /**
   * Returns a table's primary-key columns in key order: the order of the values in the JSON key of
   * each of its changes.
   *
   * @param table the table's name in the table schema
   * @return the column names as the catalog spells them
   * @throws ZdmException if the table does not exist or has no primary key
   */
  public List<String> primaryKey(String table) {
    return run(false, session -> session.describe(session.define(table)).primaryKey());
  }

  private <T> T run(boolean locked, Work<T> work) {
    try (Handle handle = Jdbi.open(dataSource)) {
      Connection connection = handle.getConnection();
      connection.setAutoCommit(true);
      Dialect engine = dialect != null ? dialect : Dialects.detect(connection);
      CaptureSession session =
          CaptureSession.open(
              handle, engine, migration, tables, tableSchema, partitions, lockTimeout, side);
      if (!locked) {
        return work.run(session);
      }
      String lock = tables.lockName(session.zdmSchema());
      engine.lockSchema(connection, lock);
      try {
        return work.run(session);
      } finally {
        engine.unlockSchema(connection, lock);
      }
    } catch (SQLException e) {
      throw new ZdmException(
          "migration '" + migration + "': capture: database call failed: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(CaptureSession session) throws SQLException;
  }

  /**
   * Builds a {@link CaptureInstaller}; validates every setting in {@link #build()}. Not
   * thread-safe.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private String migration;
    private String tablePrefix = ZdmTables.DEFAULT_PREFIX;
    private String schema;
    private String tableSchema;
    private int partitions = DEFAULT_PARTITIONS;
    private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
    private Dialect dialect;
    private Phase.Side side = Phase.Side.SOURCE;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
    }

    /**
     * Sets the migration the captured changes belong to. Required.
     *
     * @param migration a name such as {@code orders-to-pg}
     * @return this builder
     */
    public Builder migration(String migration) {
      this.migration = migration;
      return this;
    }

    /**
     * Sets the prefix of zdm's table names, as given to the schema installer.
     *
     * @param tablePrefix lowercase letters, digits and '_', such as {@code zdm_}
     * @return this builder
     */
    public Builder tablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
      return this;
    }

    /**
     * Sets the schema of zdm's tables (a database, in MariaDB), as given to the schema installer.
     *
     * @param schema the schema, or null for the connection's current one
     * @return this builder
     */
    public Builder schema(String schema) {
      this.schema = schema;
      return this;
    }

    /**
     * Sets the schema of the tables to capture; it must exist.
     *
     * @param tableSchema the schema, or null for the connection's current one
     * @return this builder
     */
    public Builder tableSchema(String tableSchema) {
      this.tableSchema = tableSchema;
      return this;
    }

    /**
     * Sets how many relay partitions keys are spread over. It must match the relay's setting;
     * change it only while the relay is stopped and the outbox drained.
     *
     * @param partitions 1 to {@value CaptureInstaller#MAX_PARTITIONS}; default {@value
     *     CaptureInstaller#DEFAULT_PARTITIONS}
     * @return this builder
     */
    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    /**
     * Sets how long trigger DDL waits for a captured table's lock. While it waits, the engine may
     * queue the application's writes behind it, so keep it short and retry.
     *
     * @param lockTimeout a positive duration; default 10 s
     * @return this builder
     */
    public Builder lockTimeout(Duration lockTimeout) {
      this.lockTimeout = lockTimeout;
      return this;
    }

    /**
     * Sets which database of the migration this is. The triggers take and capture application
     * writes only in the phases where this side is authoritative (the source in {@code OFF}, {@code
     * DUAL_WRITE} and {@code SHADOW}, capturing; the target in {@code TARGET_PRIMARY}, capturing
     * for reverse replication, and {@code TARGET_ONLY}); in every other phase they refuse them with
     * SQLSTATE {@value dev.zdm.control.Fence#SQLSTATE}. zdm's own marked writes always pass
     * uncaptured.
     *
     * @param side {@code SOURCE} (the default) or {@code TARGET}
     * @return this builder
     */
    public Builder side(Phase.Side side) {
      this.side = side;
      return this;
    }

    /**
     * Sets the dialect instead of detecting it from the connection.
     *
     * @param dialect the dialect, or null to detect
     * @return this builder
     */
    public Builder dialect(Dialect dialect) {
      this.dialect = dialect;
      return this;
    }

    /**
     * Validates the settings and builds the installer. Nothing touches the database yet.
     *
     * @return the installer
     * @throws ZdmException naming the setting and the bad value
     */
    public CaptureInstaller build() {
      return new CaptureInstaller(this);
    }
  }
}
