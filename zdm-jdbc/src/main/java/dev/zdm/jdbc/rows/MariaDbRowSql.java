package dev.zdm.jdbc.rows;

import dev.zdm.ZdmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The {@link RowSql} of MariaDB 10.6 and newer: {@code INSERT ... ON DUPLICATE KEY UPDATE}.
 *
 * <p>Time zones: MariaDB converts a {@code TIMESTAMP} between UTC and the session's {@code
 * time_zone} on every read and write, and a zone with daylight saving time makes that ambiguous for
 * one hour a year. Every statement zdm runs is therefore prefixed with {@code SET STATEMENT
 * time_zone='+00:00' FOR}, which applies to that statement only: zdm reads and writes UTC wall
 * times, whatever the session, the server or the JVM's default zone, and never changes the session
 * of a connection it borrows. Writes also run with {@code sql_mode='STRICT_ALL_TABLES,
 * NO_AUTO_VALUE_ON_ZERO'}, so that a value the column cannot hold fails instead of being truncated,
 * and a key of 0 in an auto-increment column stays 0. {@code SET STATEMENT} is MariaDB's; MySQL is
 * not supported on this path. Stateless and thread-safe.
 */
public final class MariaDbRowSql implements RowSql {

  private static final String READ_PREFIX = "SET STATEMENT time_zone='+00:00' FOR ";
  private static final String WRITE_PREFIX =
      "SET STATEMENT time_zone='+00:00', sql_mode='STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO' FOR ";

  /**
   * FLOAT crosses as DOUBLE both ways. Read as FLOAT, the text protocol rounds to 6 digits; written
   * as Java's shortest float text, Float.MAX_VALUE becomes "3.4028235E38", which the server parses
   * as a double above FLT_MAX and refuses. The float's exact double value has neither problem.
   */
  private static final ColumnCodec REAL =
      new ColumnCodec() {
        @Override
        public Object read(ResultSet row, int index) throws SQLException {
          double value = row.getDouble(index);
          return row.wasNull() ? null : (float) value;
        }

        @Override
        public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
          if (value == null) {
            statement.setNull(index, Types.REAL);
          } else {
            statement.setDouble(index, (Float) value);
          }
        }
      };

  private static final ColumnCodec INSTANT =
      new ColumnCodec() {
        @Override
        public Object read(ResultSet row, int index) throws SQLException {
          LocalDateTime utc = row.getObject(index, LocalDateTime.class);
          return utc == null ? null : utc.atOffset(ZoneOffset.UTC);
        }

        @Override
        public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
          if (value == null) {
            statement.setNull(index, Types.TIMESTAMP);
          } else {
            OffsetDateTime instant = (OffsetDateTime) value;
            statement.setObject(
                index, instant.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
          }
        }
      };

  private static final ColumnCodec UUID_CODEC =
      new ColumnCodec() {
        @Override
        public Object read(ResultSet row, int index) throws SQLException {
          String text = row.getString(index);
          return text == null ? null : UUID.fromString(text);
        }

        @Override
        public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
          if (value == null) {
            statement.setNull(index, Types.VARCHAR);
          } else {
            statement.setString(index, value.toString());
          }
        }
      };

  /** Creates it; the dialect holds one instance. */
  public MariaDbRowSql() {}

  @Override
  public ColumnShape describe(CatalogColumn column) {
    String type = column.typeName().toUpperCase(Locale.ROOT);
    boolean unsigned = type.endsWith(" UNSIGNED");
    String base = unsigned ? type.substring(0, type.length() - " UNSIGNED".length()) : type;
    int size = column.size();
    int extra = unsigned ? 1 : 0;
    return switch (base) {
      case "TINYINT" -> ColumnShape.of(column, ColumnKind.INTEGER, 8 + extra, 0);
      case "SMALLINT" -> ColumnShape.of(column, ColumnKind.INTEGER, 16 + extra, 0);
      case "MEDIUMINT" -> ColumnShape.of(column, ColumnKind.INTEGER, 24 + extra, 0);
      case "INT", "INTEGER" -> ColumnShape.of(column, ColumnKind.INTEGER, 32 + extra, 0);
      case "BIGINT" ->
          unsigned
              ? ColumnShape.of(column, ColumnKind.DECIMAL, 20, 0)
              : ColumnShape.of(column, ColumnKind.INTEGER, 64, 0);
      case "BOOLEAN" -> ColumnShape.of(column, ColumnKind.BOOLEAN, 0, 0);
      case "DECIMAL", "NUMERIC" ->
          ColumnShape.of(column, ColumnKind.DECIMAL, size, Math.max(column.digits(), 0));
      case "FLOAT" -> ColumnShape.of(column, ColumnKind.REAL, 0, 0);
      case "DOUBLE" -> ColumnShape.of(column, ColumnKind.DOUBLE, 0, 0);
      case "CHAR", "VARCHAR", "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT", "ENUM", "SET" ->
          ColumnShape.of(column, ColumnKind.TEXT, length(size), 0);
      case "JSON" -> ColumnShape.of(column, ColumnKind.JSON, Integer.MAX_VALUE, 0);
      case "BINARY", "VARBINARY", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB" ->
          ColumnShape.of(column, ColumnKind.BINARY, length(size), 0);
      case "DATE" -> ColumnShape.of(column, ColumnKind.DATE, 0, 0);
      // The driver reports no fraction digits: TIME(n) is 10 + 1 + n wide, DATETIME(n) 19 + 1 + n.
      case "TIME" -> ColumnShape.of(column, ColumnKind.TIME, 0, fraction(size, 10));
      case "DATETIME" -> ColumnShape.of(column, ColumnKind.TIMESTAMP, 0, fraction(size, 19));
      case "TIMESTAMP" -> ColumnShape.of(column, ColumnKind.TIMESTAMP_TZ, 0, fraction(size, 19));
      case "UUID" -> ColumnShape.of(column, ColumnKind.UUID, 0, 0);
      default -> ColumnShape.of(column, ColumnKind.UNSUPPORTED, 0, 0);
    };
  }

  private static int length(int size) {
    return size <= 0 ? Integer.MAX_VALUE : size;
  }

  private static int fraction(int size, int whole) {
    return size > whole ? size - whole - 1 : 0;
  }

  @Override
  public boolean schemaIsCatalog() {
    return true;
  }

  @Override
  public ColumnCodec codec(String table, ColumnShape column) {
    return switch (column.kind()) {
      case REAL -> REAL;
      case TIMESTAMP_TZ -> INSTANT;
      case UUID -> UUID_CODEC;
      case BOOLEAN -> booleanCodec(table, column.name());
      default -> JdbcCodecs.of(column.kind());
    };
  }

  /** TINYINT(1) can hold -128..127; only 0 and 1 are booleans, anything else would be lost. */
  private static ColumnCodec booleanCodec(String table, String column) {
    ColumnCodec standard = JdbcCodecs.of(ColumnKind.BOOLEAN);
    return new ColumnCodec() {
      @Override
      public Object read(ResultSet row, int index) throws SQLException {
        long value = row.getLong(index);
        if (row.wasNull()) {
          return null;
        }
        if (value != 0 && value != 1) {
          throw new ZdmException(
              "table "
                  + table
                  + " column '"
                  + column
                  + "' is BOOLEAN (TINYINT(1)) but holds a value other than 0 and 1, which a"
                  + " boolean cannot carry; change the column to TINYINT or fix the value");
        }
        return value == 1;
      }

      @Override
      public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        standard.bind(statement, index, value);
      }
    };
  }

  @Override
  public String selectExpression(ColumnShape column, String quoted) {
    return column.kind() == ColumnKind.REAL ? "CAST(" + quoted + " AS DOUBLE)" : quoted;
  }

  @Override
  public String readPrefix() {
    return READ_PREFIX;
  }

  @Override
  public String writePrefix() {
    return WRITE_PREFIX;
  }

  @Override
  public String upsert(String table, List<String> columns, List<String> keyColumns, String values) {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
    sql.append(String.join(", ", columns)).append(") VALUES ").append(values);
    sql.append(" ON DUPLICATE KEY UPDATE ");
    String separator = "";
    for (String column : columns) {
      if (!keyColumns.contains(column)) {
        sql.append(separator).append(column).append(" = VALUES(").append(column).append(')');
        separator = ", ";
      }
    }
    if (separator.isEmpty()) {
      // A no-op assignment: keeps "already there" from being an error without INSERT IGNORE,
      // which would also swallow the errors strict mode raises.
      sql.append(keyColumns.get(0)).append(" = ").append(keyColumns.get(0));
    }
    return sql.toString();
  }
}
