package dev.zdm.jdbc.capture;

import java.util.List;
import java.util.Objects;

/**
 * A table whose changes zdm captures for one migration.
 *
 * @param schema the table's schema (a database, in MariaDB)
 * @param table the table's name as the catalog spells it
 * @param primaryKey the primary-key column names in key order: the order of the values in every
 *     change's JSON key
 */
public record CapturedTable(String schema, String table, List<String> primaryKey) {

  /** Copies the key so the record cannot change. */
  public CapturedTable {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
    primaryKey = List.copyOf(primaryKey);
  }
}
