package dev.zdm.jdbc.capture;

import dev.zdm.Phase;
import dev.zdm.ZdmException;
import dev.zdm.jdbc.Dialect;
import dev.zdm.jdbc.schema.ZdmTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link CaptureInstaller} call's view of the database: the resolved schemas, the catalog, and
 * the engine's capture SQL on one connection. Turns configured names into validated definitions and
 * the engine's failures into messages that say what to do. Not thread-safe; lives for one call.
 */
final class CaptureSession {

  private static final Logger log = LoggerFactory.getLogger(CaptureInstaller.class);

  private final Connection connection;
  private final Dialect dialect;
  private final TableCatalog catalog;
  private final String migration;
  private final ZdmTables tables;
  private final String zdmSchema;
  private final String tableSchema;
  private final int partitions;
  private final Duration lockTimeout;
  private final Phase.Side side;

  private CaptureSession(
      Handle handle,
      Dialect dialect,
      TableCatalog catalog,
      String migration,
      ZdmTables tables,
      String zdmSchema,
      String tableSchema,
      int partitions,
      Duration lockTimeout,
      Phase.Side side) {
    this.side = side;
    this.connection = handle.getConnection();
    this.dialect = dialect;
    this.catalog = catalog;
    this.migration = migration;
    this.tables = tables;
    this.zdmSchema = zdmSchema;
    this.tableSchema = tableSchema;
    this.partitions = partitions;
    this.lockTimeout = lockTimeout;
  }

  static CaptureSession open(
      Handle handle,
      Dialect dialect,
      String migration,
      ZdmTables tables,
      String tableSchema,
      int partitions,
      Duration lockTimeout,
      Phase.Side side) {
    TableCatalog catalog = new TableCatalog(handle, dialect);
    String current = catalog.currentSchema();
    String zdmSchema =
        resolve(catalog, dialect, migration, tables.schema().orElse(null), current, "zdm.schema");
    String appSchema =
        resolve(catalog, dialect, migration, tableSchema, current, "capture.tableSchema");
    return new CaptureSession(
        handle,
        dialect,
        catalog,
        migration,
        tables,
        zdmSchema,
        appSchema,
        partitions,
        lockTimeout,
        side);
  }

  String zdmSchema() {
    return zdmSchema;
  }

  String tableSchema() {
    return tableSchema;
  }

  /** Refuses to go on unless zdm's outbox exists where the triggers will write. */
  void requireOutbox() {
    if (!CaptureSignature.PLAIN_SCHEMA.matcher(zdmSchema).matches()) {
      throw new ZdmException(
          "migration '"
              + migration
              + "': zdm's schema '"
              + zdmSchema
              + "' is not a plain identifier (letters, digits, '_', '$'); set zdm.schema to one");
    }
    if (!catalog.relationExists(zdmSchema, tables.changes())) {
      throw new ZdmException(
          "migration '"
              + migration
              + "': zdm's outbox "
              + zdmSchema
              + "."
              + tables.changes()
              + " does not exist, so capture has nowhere to write; install zdm's schema first"
              + " (SchemaInstaller.install() with the same tablePrefix and schema)");
    }
  }

  /** Validates a configured table name against the catalog and reads its key. */
  CaptureDefinition define(String name) {
    if (name == null || name.isBlank()) {
      throw new ZdmException("migration '" + migration + "': a table name must not be empty");
    }
    refuseZdmTable(name);
    String table =
        catalog
            .findTable(tableSchema, name)
            .orElseThrow(
                () ->
                    new ZdmException(
                        "migration '"
                            + migration
                            + "': there is no table '"
                            + name
                            + "' in schema "
                            + tableSchema
                            + "; check the name, or set capture.tableSchema to the schema that"
                            + " holds it"));
    refuseZdmTable(table);
    List<KeyColumn> key = catalog.primaryKey(tableSchema, table);
    if (key.isEmpty()) {
      throw new ZdmException(
          "migration '"
              + migration
              + "': table "
              + tableSchema
              + "."
              + table
              + " has no primary key, and zdm captures and applies changes by primary key. Add a"
              + " primary key to "
              + table
              + " (a unique not-null key is not enough), or leave it out of the migration");
    }
    for (KeyColumn column : key) {
      if (!TableCatalog.supportedKeyType(column)) {
        throw new ZdmException(
            "migration '"
                + migration
                + "': table "
                + tableSchema
                + "."
                + table
                + " has primary-key column "
                + column.name()
                + " of type "
                + column.dataType()
                + ", which zdm cannot carry exactly in a key (binary, floating-point, bit, JSON"
                + " and array keys are not supported); use a key of integer, decimal, text, UUID,"
                + " date, timestamp or boolean columns, or leave the table out of the migration");
      }
    }
    return new CaptureDefinition(
        migration, tableSchema, table, key, tables, zdmSchema, partitions, side);
  }

  /** The catalog's spelling of a table name, or the name itself when no such table exists. */
  String catalogName(String name) {
    return catalog.findTable(tableSchema, name).orElse(name);
  }

  CapturedTable describe(CaptureDefinition definition) {
    return new CapturedTable(
        definition.schema(),
        definition.table(),
        definition.primaryKey().stream().map(KeyColumn::name).toList());
  }

  CapturedTable describe(String table) {
    return new CapturedTable(
        tableSchema,
        table,
        catalog.primaryKey(tableSchema, table).stream().map(KeyColumn::name).toList());
  }

  /** Every capture that writes to this installer's outbox, whatever its migration. */
  List<InstalledCapture> installed() throws SQLException {
    return dialect.capture().installed(connection, tables.prefix()).stream()
        .filter(c -> c.outboxSchema().equals(zdmSchema))
        .toList();
  }

  List<InstalledCapture> ownCaptures() throws SQLException {
    return installed().stream().filter(c -> c.migration().equals(migration)).toList();
  }

  void refuseOtherMigration(CaptureDefinition definition, List<InstalledCapture> existing) {
    Optional<InstalledCapture> other =
        existing.stream()
            .filter(c -> c.schema().equals(definition.schema()))
            .filter(c -> definition.table().equals(c.table()))
            .filter(c -> !c.migration().equals(migration))
            .findFirst();
    if (other.isPresent()) {
      throw new ZdmException(
          "migration '"
              + migration
              + "': table "
              + definition.schema()
              + "."
              + definition.table()
              + " is already captured for migration '"
              + other.get().migration()
              + "'; a table is captured for one migration at a time per zdm.tablePrefix. Remove"
              + " that capture first, or use another zdm.tablePrefix for this migration");
    }
  }

  void install(CaptureDefinition definition) {
    String table = definition.schema() + "." + definition.table();
    try {
      boolean changed = dialect.capture().install(connection, definition, lockTimeout);
      log.info(
          "{}: capture {} on {} ({} partitions, outbox {}.{})",
          migration,
          changed ? "installed" : "already installed",
          table,
          partitions,
          zdmSchema,
          tables.changes());
    } catch (SQLException e) {
      throw new ZdmException(
          "migration '"
              + migration
              + "': installing capture on "
              + table
              + " failed: "
              + e.getMessage()
              + ". If the table's lock was not granted within "
              + lockTimeout.toMillis()
              + " ms, retry when long transactions on it have ended; otherwise check that the"
              + " role may create triggers on it",
          e);
    }
  }

  void remove(InstalledCapture capture) {
    try {
      dialect.capture().remove(connection, capture, lockTimeout);
      log.info("{}: capture removed from {}", migration, capture.describe());
    } catch (SQLException e) {
      throw new ZdmException(
          "migration '"
              + migration
              + "': removing capture from "
              + capture.describe()
              + " failed: "
              + e.getMessage()
              + "; retry when long transactions on the table have ended",
          e);
    }
  }

  private void refuseZdmTable(String table) {
    if (table.toLowerCase(Locale.ROOT).startsWith(tables.prefix())) {
      throw new ZdmException(
          "migration '"
              + migration
              + "': table '"
              + table
              + "' carries zdm's table prefix '"
              + tables.prefix()
              + "'; zdm never captures its own tables. Rename the table or choose another"
              + " zdm.tablePrefix");
    }
  }

  private static String resolve(
      TableCatalog catalog,
      Dialect dialect,
      String migration,
      String configured,
      String current,
      String property) {
    if (configured != null) {
      if (!catalog.schemaExists(configured)) {
        throw new ZdmException(
            "migration '"
                + migration
                + "': "
                + property
                + " '"
                + configured
                + "' does not exist in this "
                + dialect.name()
                + " database; create it first or leave "
                + property
                + " unset to use the connection's current schema");
      }
      return configured;
    }
    if (current == null) {
      throw new ZdmException(
          "migration '"
              + migration
              + "': the connection has no current schema; set "
              + property
              + " or the connection's default schema");
    }
    return current;
  }
}
