package dev.zdm.jdbc.rows;

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
      case REAL -> MariaDbCodecs.REAL;
      case UUID -> MariaDbCodecs.UUID_TEXT;
      case BOOLEAN -> MariaDbCodecs.bool(table, column.name());
      case DATE, TIME, TIMESTAMP, TIMESTAMP_TZ ->
          MariaDbCodecs.temporal(table, column.name(), column.kind());
      default -> JdbcCodecs.of(column.kind());
    };
  }

  /**
   * FLOAT is selected as DOUBLE (see {@link MariaDbCodecs#REAL}); dates and times as the server's
   * own text, because Connector/J's getString() on DATETIME and TIMESTAMP passes through the JVM's
   * default zone (02:30 on a spring-forward night becomes 03:30) and getObject() turns zero dates
   * into NULL.
   */
  @Override
  public String selectExpression(ColumnShape column, String quoted) {
    return switch (column.kind()) {
      case REAL -> "CAST(" + quoted + " AS DOUBLE)";
      case DATE, TIME, TIMESTAMP, TIMESTAMP_TZ -> "CAST(" + quoted + " AS CHAR)";
      default -> quoted;
    };
  }

  /** {@code LOCK IN SHARE MODE}: the shared row lock's spelling in every MariaDB version. */
  @Override
  public String shareLockClause() {
    return " LOCK IN SHARE MODE";
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
