package dev.zdm.jdbc.rows;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;

/**
 * The {@link RowSql} of PostgreSQL 12 and newer, through pgjdbc: {@code INSERT ... OVERRIDING
 * SYSTEM VALUE ... ON CONFLICT (key) DO UPDATE}. pgjdbc reads {@code timestamptz} as an {@link
 * java.time.OffsetDateTime} in UTC and sends one with its offset, so neither the session's {@code
 * TimeZone} nor the JVM's default zone takes part. Stateless and thread-safe.
 */
public final class PostgresRowSql implements RowSql {

  /** JSON is sent untyped so that the server parses it as the column's json or jsonb. */
  private static final ColumnCodec JSON =
      new ColumnCodec() {
        @Override
        public Object read(ResultSet row, int index) throws SQLException {
          return row.getString(index);
        }

        @Override
        public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
          if (value == null) {
            statement.setNull(index, Types.OTHER);
          } else {
            statement.setObject(index, value, Types.OTHER);
          }
        }
      };

  /** Creates it; the dialect holds one instance. */
  public PostgresRowSql() {}

  @Override
  public ColumnShape describe(CatalogColumn column) {
    int size = column.size();
    int digits = Math.max(column.digits(), 0);
    return switch (column.typeName().toLowerCase(Locale.ROOT)) {
      case "int2", "smallserial" -> ColumnShape.of(column, ColumnKind.INTEGER, 16, 0);
      case "int4", "serial" -> ColumnShape.of(column, ColumnKind.INTEGER, 32, 0);
      case "int8", "bigserial" -> ColumnShape.of(column, ColumnKind.INTEGER, 64, 0);
      case "numeric" -> ColumnShape.of(column, ColumnKind.DECIMAL, size, size == 0 ? 0 : digits);
      case "float4" -> ColumnShape.of(column, ColumnKind.REAL, 0, 0);
      case "float8" -> ColumnShape.of(column, ColumnKind.DOUBLE, 0, 0);
      case "text", "varchar", "bpchar" -> ColumnShape.of(column, ColumnKind.TEXT, length(size), 0);
      case "bytea" -> ColumnShape.of(column, ColumnKind.BINARY, Integer.MAX_VALUE, 0);
      case "bool" -> ColumnShape.of(column, ColumnKind.BOOLEAN, 0, 0);
      case "date" -> ColumnShape.of(column, ColumnKind.DATE, 0, 0);
      case "time" -> ColumnShape.of(column, ColumnKind.TIME, 0, digits);
      case "timestamp" -> ColumnShape.of(column, ColumnKind.TIMESTAMP, 0, digits);
      case "timestamptz" -> ColumnShape.of(column, ColumnKind.TIMESTAMP_TZ, 0, digits);
      case "uuid" -> ColumnShape.of(column, ColumnKind.UUID, 0, 0);
      case "json", "jsonb" -> ColumnShape.of(column, ColumnKind.JSON, Integer.MAX_VALUE, 0);
      default -> ColumnShape.of(column, ColumnKind.UNSUPPORTED, 0, 0);
    };
  }

  private static int length(int size) {
    return size <= 0 ? Integer.MAX_VALUE : size;
  }

  @Override
  public ColumnCodec codec(String table, ColumnShape column) {
    return column.kind() == ColumnKind.JSON ? JSON : JdbcCodecs.of(column.kind());
  }

  @Override
  public String upsert(String table, List<String> columns, List<String> keyColumns, String values) {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
    sql.append(String.join(", ", columns));
    // OVERRIDING SYSTEM VALUE: a GENERATED ALWAYS identity key takes the source's value.
    sql.append(") OVERRIDING SYSTEM VALUE VALUES ").append(values);
    sql.append(" ON CONFLICT (").append(String.join(", ", keyColumns)).append(") DO ");
    String separator = "UPDATE SET ";
    for (String column : columns) {
      if (!keyColumns.contains(column)) {
        sql.append(separator).append(column).append(" = EXCLUDED.").append(column);
        separator = ", ";
      }
    }
    if (separator.startsWith("UPDATE")) {
      sql.append("NOTHING");
    }
    return sql.toString();
  }
}
