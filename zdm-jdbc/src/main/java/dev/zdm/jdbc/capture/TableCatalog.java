package dev.zdm.jdbc.capture;

import dev.zdm.jdbc.Dialect;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What the database's own catalog says about schemas, tables and primary keys, read through the
 * standard {@code information_schema} that PostgreSQL, MariaDB and H2 all provide. Names from
 * configuration are only ever bound as parameters here, never spliced into SQL.
 */
final class TableCatalog {

  /**
   * Key types whose values have no exact, stable JSON text in every engine: binary strings (MariaDB
   * mangles them), floating point (approximate), and structured values (the key must be a flat
   * array of scalars).
   */
  private static final Set<String> UNSUPPORTED_KEY_TYPES =
      Set.of(
          "bytea",
          "binary",
          "varbinary",
          "binary varying",
          "binary large object",
          "tinyblob",
          "blob",
          "mediumblob",
          "longblob",
          "real",
          "float",
          "double",
          "double precision",
          "bit",
          "bit varying",
          "json",
          "jsonb",
          "array",
          "row",
          "geometry");

  private final Handle handle;
  private final Dialect dialect;

  TableCatalog(Handle handle, Dialect dialect) {
    this.handle = handle;
    this.dialect = dialect;
  }

  /** The connection's current schema (a database, in MariaDB), or null when there is none. */
  String currentSchema() {
    return handle
        .createQuery(dialect.currentSchemaQuery())
        .mapTo(String.class)
        .findOne()
        .orElse(null);
  }

  boolean schemaExists(String schema) {
    return handle
            .createQuery("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?")
            .bind(0, schema)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  /** Whether a table or view of exactly this name exists. */
  boolean relationExists(String schema, String table) {
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

  /**
   * Finds a base table by its exact name, or else by a name that differs only in case when exactly
   * one table has it (so that {@code orders} finds H2's {@code ORDERS}).
   */
  Optional<String> findTable(String schema, String name) {
    List<String> candidates =
        handle
            .createQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                    + " AND LOWER(table_name) = LOWER(?)"
                    + " AND table_type IN ('BASE TABLE', 'SYSTEM VERSIONED')")
            .bind(0, schema)
            .bind(1, name)
            .mapTo(String.class)
            .list();
    if (candidates.contains(name)) {
      return Optional.of(name);
    }
    return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
  }

  /** The primary-key columns in key order; empty when the table has no primary key. */
  List<KeyColumn> primaryKey(String schema, String table) {
    return handle
        .createQuery(
            "SELECT k.column_name, c.data_type, c.numeric_scale"
                + " FROM information_schema.table_constraints t"
                + " JOIN information_schema.key_column_usage k"
                + " ON k.constraint_schema = t.constraint_schema"
                + " AND k.constraint_name = t.constraint_name"
                + " AND k.table_schema = t.table_schema AND k.table_name = t.table_name"
                + " JOIN information_schema.columns c ON c.table_schema = k.table_schema"
                + " AND c.table_name = k.table_name AND c.column_name = k.column_name"
                + " WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = ?"
                + " AND t.table_name = ? ORDER BY k.ordinal_position")
        .bind(0, schema)
        .bind(1, table)
        .map(
            (rs, ctx) -> {
              Object scale = rs.getObject(3);
              return new KeyColumn(
                  rs.getString(1),
                  rs.getString(2).toLowerCase(Locale.ROOT),
                  scale == null ? null : ((Number) scale).intValue());
            })
        .list();
  }

  /** Whether a key column's values can be carried exactly in zdm's JSON key. */
  static boolean supportedKeyType(KeyColumn column) {
    return !UNSUPPORTED_KEY_TYPES.contains(column.dataType());
  }
}
