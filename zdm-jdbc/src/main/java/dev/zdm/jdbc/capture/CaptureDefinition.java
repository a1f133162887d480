package dev.zdm.jdbc.capture;

import dev.zdm.jdbc.schema.ZdmTables;
import java.util.List;
import java.util.Objects;

/**
 * Everything an engine needs to capture one table: whose changes they are, which columns form the
 * key, and which outbox receives them. Every name has been validated against the catalog.
 *
 * @param migration the migration name, already validated
 * @param schema the captured table's schema (a database, in MariaDB)
 * @param table the captured table's name as the catalog spells it
 * @param primaryKey the primary-key columns in key order, at least one
 * @param tables zdm's table names; the outbox is {@link ZdmTables#changes()}
 * @param outboxSchema the schema that holds zdm's outbox, resolved (never the connection default)
 * @param partitions how many relay partitions keys are spread over, at least 1
 */
public record CaptureDefinition(
    String migration,
    String schema,
    String table,
    List<KeyColumn> primaryKey,
    ZdmTables tables,
    String outboxSchema,
    int partitions) {

  /** Copies the key so the definition cannot change. */
  public CaptureDefinition {
    Objects.requireNonNull(migration, "migration");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(tables, "tables");
    Objects.requireNonNull(outboxSchema, "outboxSchema");
    primaryKey = List.copyOf(primaryKey);
    if (primaryKey.isEmpty() || partitions < 1) {
      throw new IllegalArgumentException("a capture needs a key and at least one partition");
    }
  }

  /**
   * Returns the outbox table's unquoted name.
   *
   * @return such as {@code zdm_changes}
   */
  public String outboxTable() {
    return tables.changes();
  }
}
