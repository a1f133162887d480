package dev.zdm.jdbc.schema;

import dev.zdm.ZdmException;
import dev.zdm.jdbc.Dialect;
import dev.zdm.jdbc.Dialects;
import dev.zdm.jdbc.capture.InstalledCapture;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, upgrades and removes zdm's own tables (control table, outbox, checkpoints, leases, dead
 * letters) in one database.
 *
 * <p>The schema is versioned: each database records the steps it applied, {@link #install()}
 * applies only the missing ones (so installing twice is a no-op), and {@link #uninstall()} drops
 * exactly the tables zdm created and nothing else, refusing while capture triggers still write to
 * the outbox. A table that already exists under one of zdm's names but was not created by zdm is
 * refused rather than adopted; choose another prefix.
 *
 * <p>Every process may call {@link #install()} at start-up: schema changes are serialised by a
 * database lock (an advisory lock in PostgreSQL, {@code GET_LOCK} in MariaDB, a JVM lock for the
 * embedded H2). Instances are immutable and thread-safe.
 */
public final class SchemaInstaller {

  private static final Logger log = LoggerFactory.getLogger(SchemaInstaller.class);
  private static final String APPLYING = "applying";
  private static final String APPLIED = "applied";

  private final DataSource dataSource;
  private final ZdmTables tables;
  private final Dialect dialect;

  private SchemaInstaller(Builder builder) {
    this.dataSource = builder.dataSource;
    this.tables = ZdmTables.of(builder.tablePrefix, builder.schema);
    this.dialect = builder.dialect;
  }

  /**
   * Starts building an installer for the database behind a data source.
   *
   * @param dataSource where to install; zdm borrows one connection per call
   * @return a builder with the default prefix {@value ZdmTables#DEFAULT_PREFIX}
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * Returns the names of the tables this installer manages.
   *
   * @return the validated names
   */
  public ZdmTables tables() {
    return tables;
  }

  /**
   * Applies every missing step, up to the newest version this zdm knows.
   *
   * @return what was found and what was applied
   * @throws ZdmException if the database is unreachable, holds a newer zdm schema, or has a table
   *     under one of zdm's names that zdm did not create
   */
  public InstallReport install() {
    return run(Integer.MAX_VALUE);
  }

  /**
   * Applies the missing steps up to a given version and no further. Used to stage upgrades and to
   * test them; applications call {@link #install()}.
   *
   * @param version the version to stop at, at least 1
   * @return what was found and what was applied
   * @throws ZdmException as {@link #install()}, or if the version is unknown
   */
  public InstallReport installUpTo(int version) {
    if (version < 1) {
      throw new ZdmException("schema version must be >= 1, was " + version);
    }
    return run(version);
  }

  /**
   * Returns the schema version installed in the database.
   *
   * @return the highest version fully applied, 0 when zdm is not installed
   * @throws ZdmException if the database is unreachable
   */
  public int installedVersion() {
    return withConnection(
        (handle, dialect, schema) -> {
          if (!tableExists(handle, dialect, schema, tables.schemaVersion())) {
            return 0;
          }
          return highestApplied(readVersions(handle, dialect));
        });
  }

  /**
   * Drops every table zdm created in this database, newest first, and the record of its versions.
   * Tables zdm did not create are never touched. Uninstalling where zdm is not installed is a
   * no-op.
   *
   * @return the unquoted names of the tables dropped
   * @throws ZdmException if the database is unreachable or refuses a drop, or if capture triggers
   *     still write to zdm's outbox (the message lists their tables; remove capture first)
   */
  public List<String> uninstall() {
    return withConnection(
        (handle, dialect, schema) -> {
          Connection connection = handle.getConnection();
          String lock = lockName(schema);
          dialect.lockSchema(connection, lock);
          try {
            if (!tableExists(handle, dialect, schema, tables.schemaVersion())) {
              return List.of();
            }
            refuseWhileCaptured(connection, dialect, schema);
            Map<Integer, String> installed = readVersions(handle, dialect);
            List<SchemaStep> steps = dialect.schemaSteps(tables);
            List<String> dropped = new ArrayList<>();
            for (int i = steps.size() - 1; i >= 0; i--) {
              SchemaStep step = steps.get(i);
              if (!installed.containsKey(step.version())) {
                continue;
              }
              for (int t = step.tables().size() - 1; t >= 0; t--) {
                String table = step.tables().get(t);
                handle.execute("DROP TABLE IF EXISTS " + tables.qualified(dialect, table));
                dropped.add(table);
              }
            }
            handle.execute("DROP TABLE " + tables.qualified(dialect, tables.schemaVersion()));
            dropped.add(tables.schemaVersion());
            log.info("zdm: uninstalled {} from {} ({})", dropped, schema, dialect.name());
            return List.copyOf(dropped);
          } finally {
            dialect.unlockSchema(connection, lock);
          }
        });
  }

  /**
   * Dropping the outbox under live capture triggers would make every write to a captured table fail
   * (the engines do not track the triggers' dependency on it), so capture must go first.
   */
  private void refuseWhileCaptured(Connection connection, Dialect dialect, String schema)
      throws SQLException {
    List<String> captured =
        dialect.capture().installed(connection, tables.prefix()).stream()
            .filter(capture -> capture.outboxSchema().equals(schema))
            .map(InstalledCapture::describe)
            .sorted()
            .toList();
    if (!captured.isEmpty()) {
      throw new ZdmException(
          "cannot uninstall zdm's tables "
              + tables
              + " from "
              + schema
              + ": capture triggers on "
              + captured
              + " still write into "
              + schema
              + "."
              + tables.changes()
              + ", and every write to those tables would fail once it is dropped. Remove capture"
              + " first (CaptureInstaller.removeAll() for each migration), then uninstall");
    }
  }

  private InstallReport run(int upTo) {
    return withConnection(
        (handle, dialect, schema) -> {
          Connection connection = handle.getConnection();
          List<SchemaStep> steps = dialect.schemaSteps(tables);
          int target = Math.min(upTo, steps.size());
          if (upTo != Integer.MAX_VALUE && upTo > steps.size()) {
            throw new ZdmException(
                "zdm schema version " + upTo + " does not exist; the newest is " + steps.size());
          }
          String lock = lockName(schema);
          dialect.lockSchema(connection, lock);
          try {
            handle.execute(ZdmSchema.schemaVersionTable(tables, dialect, dialect.ddlTypes()));
            Map<Integer, String> installed = readVersions(handle, dialect);
            int from = highestApplied(installed);
            int newest = installed.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            if (newest > steps.size()) {
              throw new ZdmException(
                  "the zdm tables "
                      + tables
                      + " in "
                      + schema
                      + " are at schema version "
                      + newest
                      + ", newer than this zdm knows ("
                      + steps.size()
                      + "); upgrade zdm in this service to the version the other instances run");
            }
            List<SchemaStep> applied = new ArrayList<>();
            for (SchemaStep step : steps.subList(0, target)) {
              String state = installed.get(step.version());
              if (APPLIED.equals(state)) {
                continue;
              }
              if (state == null) {
                refuseForeignTables(handle, dialect, schema, step);
              }
              apply(connection, handle, dialect, step, state == null);
              applied.add(step);
            }
            InstallReport report =
                new InstallReport(dialect.name(), tables, from, Math.max(from, target), applied);
            if (!applied.isEmpty()) {
              log.info(
                  "zdm: installed schema steps {} in {} ({}); now at version {}",
                  applied.stream().map(SchemaStep::version).toList(),
                  schema,
                  dialect.name(),
                  report.toVersion());
            }
            return report;
          } finally {
            dialect.unlockSchema(connection, lock);
          }
        });
  }

  private void apply(
      Connection connection, Handle handle, Dialect dialect, SchemaStep step, boolean firstAttempt)
      throws SQLException {
    String versionTable = tables.qualified(dialect, tables.schemaVersion());
    boolean atomic = dialect.transactionalDdl();
    if (atomic) {
      connection.setAutoCommit(false);
    }
    try {
      if (firstAttempt) {
        handle
            .createUpdate(
                "INSERT INTO " + versionTable + " (version, description, state) VALUES (?, ?, ?)")
            .bind(0, step.version())
            .bind(1, step.description())
            .bind(2, APPLYING)
            .execute();
      }
      for (String statement : step.statements()) {
        handle.execute(statement);
      }
      handle
          .createUpdate("UPDATE " + versionTable + " SET state = ? WHERE version = ?")
          .bind(0, APPLIED)
          .bind(1, step.version())
          .execute();
      if (atomic) {
        connection.commit();
      }
    } catch (RuntimeException | SQLException e) {
      if (atomic) {
        connection.rollback();
      }
      throw new ZdmException(
          "installing zdm schema step "
              + step.version()
              + " ("
              + step.description()
              + ") into "
              + tables
              + " failed: "
              + e.getMessage()
              + (atomic
                  ? "; nothing of this step was applied"
                  : "; the step is marked as applying and will be completed by the next install()"),
          e);
    } finally {
      if (atomic) {
        connection.setAutoCommit(true);
      }
    }
  }

  private void refuseForeignTables(Handle handle, Dialect dialect, String schema, SchemaStep step) {
    for (String table : step.tables()) {
      if (tableExists(handle, dialect, schema, table)) {
        throw new ZdmException(
            "table "
                + schema
                + "."
                + table
                + " already exists but was not created by zdm (schema step "
                + step.version()
                + " is not recorded in "
                + tables.schemaVersion()
                + "); zdm will not adopt or change it. Choose another zdm.tablePrefix"
                + " or zdm.schema");
      }
    }
  }

  private Map<Integer, String> readVersions(Handle handle, Dialect dialect) {
    Map<Integer, String> versions = new TreeMap<>();
    handle
        .createQuery(
            "SELECT version, state FROM " + tables.qualified(dialect, tables.schemaVersion()))
        .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getString(2)))
        .forEach(e -> versions.put(e.getKey(), e.getValue()));
    return versions;
  }

  private static int highestApplied(Map<Integer, String> versions) {
    int highest = 0;
    while (APPLIED.equals(versions.get(highest + 1))) {
      highest++;
    }
    return highest;
  }

  private static boolean tableExists(Handle handle, Dialect dialect, String schema, String table) {
    return handle
            .createQuery(
                "SELECT COUNT(*) FROM information_schema.tables"
                    + " WHERE table_schema = ? AND table_name = ?")
            .bind(0, schema)
            .bind(1, table)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  private String lockName(String schema) {
    return tables.lockName(schema);
  }

  private String resolveSchema(Handle handle, Dialect dialect) {
    if (tables.schema().isPresent()) {
      String schema = tables.schema().get();
      boolean exists =
          handle
                  .createQuery(
                      "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?")
                  .bind(0, schema)
                  .mapTo(Integer.class)
                  .one()
              > 0;
      if (!exists) {
        throw new ZdmException(
            "zdm.schema '"
                + schema
                + "' does not exist in this "
                + dialect.name()
                + " database; create it first or leave zdm.schema unset to use the"
                + " connection's current schema");
      }
      return schema;
    }
    return handle.createQuery(dialect.currentSchemaQuery()).mapTo(String.class).one();
  }

  private <T> T withConnection(ConnectionWork<T> work) {
    try (Handle handle = Jdbi.open(dataSource)) {
      Connection connection = handle.getConnection();
      connection.setAutoCommit(true);
      Dialect dialect = this.dialect != null ? this.dialect : Dialects.detect(connection);
      String schema = resolveSchema(handle, dialect);
      return work.run(handle, dialect, schema);
    } catch (SQLException e) {
      throw new ZdmException(
          "zdm schema " + tables + ": database call failed: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface ConnectionWork<T> {
    T run(Handle handle, Dialect dialect, String schema) throws SQLException;
  }

  /**
   * Builds a {@link SchemaInstaller}; validates every setting in {@link #build()}. Not thread-safe.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private String tablePrefix = ZdmTables.DEFAULT_PREFIX;
    private String schema;
    private Dialect dialect;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
    }

    /**
     * Sets the prefix of zdm's table names.
     *
     * @param tablePrefix lowercase letters, digits and '_', such as {@code zdm_}
     * @return this builder
     */
    public Builder tablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
      return this;
    }

    /**
     * Sets the schema (a database, in MariaDB) for zdm's tables; it must exist.
     *
     * @param schema the schema, or null for the connection's current one
     * @return this builder
     */
    public Builder schema(String schema) {
      this.schema = schema;
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
    public SchemaInstaller build() {
      return new SchemaInstaller(this);
    }
  }
}
