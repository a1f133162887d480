package dev.zdm.jdbc.rows;

import dev.zdm.ZdmException;
import dev.zdm.jdbc.Dialect;
import dev.zdm.jdbc.Dialects;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A table's columns and primary key as the database's catalog describes them, interpreted by the
 * engine's {@link RowSql}. Read once at start ({@link #read}); every statement zdm builds for the
 * table names only what is here, quoted. Immutable and thread-safe, and equal to another shape of
 * the same table exactly when nothing relevant changed, so it can be cached and compared.
 */
public final class TableShape {

  private final Dialect dialect;
  private final String schema;
  private final String table;
  private final List<ColumnShape> columns;
  private final List<ColumnShape> primaryKey;

  private TableShape(
      Dialect dialect, String schema, String table, List<ColumnShape> columns, List<String> key) {
    this.dialect = dialect;
    this.schema = schema;
    this.table = table;
    this.columns = List.copyOf(columns);
    List<ColumnShape> keyColumns = new ArrayList<>();
    for (String name : key) {
      keyColumns.add(column(name).orElseThrow());
    }
    this.primaryKey = List.copyOf(keyColumns);
  }

  /**
   * Reads a table in the connection's current schema (its database, in MariaDB).
   *
   * @param connection an open connection; it is not closed and its transaction is not touched
   * @param table the table's name, exactly as the catalog spells it
   * @return the shape
   * @throws SQLException if the catalog cannot be read
   * @throws ZdmException if the table does not exist or has no primary key
   */
  public static TableShape read(Connection connection, String table) throws SQLException {
    return read(connection, null, table);
  }

  /**
   * Reads a table in a given schema.
   *
   * @param connection an open connection; it is not closed and its transaction is not touched
   * @param schema the schema (a database, in MariaDB), or null for the current one
   * @param table the table's name, exactly as the catalog spells it
   * @return the shape
   * @throws SQLException if the catalog cannot be read
   * @throws ZdmException if the table does not exist or has no primary key, or no dialect supports
   *     the engine
   */
  public static TableShape read(Connection connection, String schema, String table)
      throws SQLException {
    Objects.requireNonNull(table, "table");
    Dialect dialect = Dialects.detect(connection);
    RowSql sql = dialect.rows();
    String resolved = schema != null ? schema : currentSchema(connection, dialect);
    DatabaseMetaData metadata = connection.getMetaData();
    String catalog = sql.schemaIsCatalog() ? resolved : connection.getCatalog();
    String schemaName = sql.schemaIsCatalog() ? null : resolved;
    String escape = metadata.getSearchStringEscape();
    List<ColumnShape> columns = new ArrayList<>();
    try (ResultSet rows =
        metadata.getColumns(
            catalog,
            schemaName == null ? null : pattern(schemaName, escape),
            pattern(table, escape),
            "%")) {
      while (rows.next()) {
        // Patterns are only a first filter: the escape is not honoured by every driver.
        if (table.equals(rows.getString("TABLE_NAME"))
            && resolved.equals(
                rows.getString(sql.schemaIsCatalog() ? "TABLE_CAT" : "TABLE_SCHEM"))) {
          columns.add(sql.describe(catalogColumn(rows)));
        }
      }
    }
    String where = resolved + "." + table;
    if (columns.isEmpty()) {
      throw new ZdmException(
          "table "
              + where
              + " does not exist in this "
              + dialect.name()
              + " database (names are matched exactly, including case); check the table and"
              + " schema names of the mapping");
    }
    TreeMap<Short, String> key = new TreeMap<>();
    try (ResultSet rows = metadata.getPrimaryKeys(catalog, schemaName, table)) {
      while (rows.next()) {
        key.put(rows.getShort("KEY_SEQ"), rows.getString("COLUMN_NAME"));
      }
    }
    if (key.isEmpty()) {
      throw new ZdmException(
          "table "
              + where
              + " has no primary key; zdm identifies rows by their primary key, so add one (a"
              + " unique NOT NULL column or columns) before migrating this table");
    }
    return new TableShape(dialect, resolved, table, columns, List.copyOf(key.values()));
  }

  private static CatalogColumn catalogColumn(ResultSet row) throws SQLException {
    int digits = row.getInt("DECIMAL_DIGITS");
    if (row.wasNull()) {
      digits = -1;
    }
    String defaultValue = row.getString("COLUMN_DEF");
    boolean autoIncrement = "YES".equalsIgnoreCase(row.getString("IS_AUTOINCREMENT"));
    return new CatalogColumn(
        row.getString("COLUMN_NAME"),
        row.getInt("DATA_TYPE"),
        row.getString("TYPE_NAME"),
        row.getInt("COLUMN_SIZE"),
        digits,
        row.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
        autoIncrement || (defaultValue != null && !defaultValue.equalsIgnoreCase("NULL")),
        "YES".equalsIgnoreCase(row.getString("IS_GENERATEDCOLUMN")));
  }

  private static String pattern(String name, String escape) {
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape)
        .replace("_", escape + "_")
        .replace("%", escape + "%");
  }

  private static String currentSchema(Connection connection, Dialect dialect) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(dialect.currentSchemaQuery());
        ResultSet row = query.executeQuery()) {
      if (!row.next() || row.getString(1) == null) {
        throw new ZdmException(
            "the connection has no current schema (database); name the schema in the mapping");
      }
      return row.getString(1);
    }
  }

  /**
   * Returns the dialect of the database the shape was read from.
   *
   * @return the dialect
   */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * Returns the schema (a database, in MariaDB) the table is in.
   *
   * @return the schema's name
   */
  public String schema() {
    return schema;
  }

  /**
   * Returns the table's name.
   *
   * @return the name, as the catalog spells it
   */
  public String table() {
    return table;
  }

  /**
   * Returns {@code schema.table} for messages; unquoted, never for SQL.
   *
   * @return the qualified name
   */
  public String qualifiedName() {
    return schema + "." + table;
  }

  /**
   * Returns the columns in the catalog's order.
   *
   * @return an unmodifiable list
   */
  public List<ColumnShape> columns() {
    return columns;
  }

  /**
   * Returns the primary-key columns in key order.
   *
   * @return an unmodifiable, non-empty list
   */
  public List<ColumnShape> primaryKey() {
    return primaryKey;
  }

  /**
   * Looks a column up by name.
   *
   * @param name the column's name, matched exactly
   * @return the column, or empty if the table has none by that name
   */
  public Optional<ColumnShape> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The schema-qualified, quoted name, for SQL. */
  String quotedName() {
    return dialect.quote(schema) + "." + dialect.quote(table);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TableShape shape
        && dialect.name().equals(shape.dialect.name())
        && schema.equals(shape.schema)
        && table.equals(shape.table)
        && columns.equals(shape.columns)
        && primaryKey.equals(shape.primaryKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dialect.name(), schema, table, columns);
  }

  @Override
  public String toString() {
    return "TableShape[" + dialect.name() + " " + qualifiedName() + ", key " + keyNames() + "]";
  }

  private List<String> keyNames() {
    return primaryKey.stream().map(ColumnShape::name).toList();
  }
}
