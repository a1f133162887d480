package dev.zdm.jdbc.rows;

import java.util.List;
import java.util.Locale;

/**
 * The {@link RowSql} of H2 2.x: {@code MERGE INTO ... KEY (key) VALUES ...}. H2 keeps the offset of
 * a {@code TIMESTAMP WITH TIME ZONE}, and so does zdm between H2 databases. Stateless and
 * thread-safe.
 */
public final class H2RowSql implements RowSql {

  /** Creates it; the dialect holds one instance. */
  public H2RowSql() {}

  @Override
  public ColumnShape describe(CatalogColumn column) {
    int size = column.size();
    int digits = Math.max(column.digits(), 0);
    return switch (column.typeName().toUpperCase(Locale.ROOT)) {
      case "TINYINT" -> ColumnShape.of(column, ColumnKind.INTEGER, 8, 0);
      case "SMALLINT" -> ColumnShape.of(column, ColumnKind.INTEGER, 16, 0);
      case "INTEGER" -> ColumnShape.of(column, ColumnKind.INTEGER, 32, 0);
      case "BIGINT" -> ColumnShape.of(column, ColumnKind.INTEGER, 64, 0);
      case "NUMERIC", "DECIMAL" -> ColumnShape.of(column, ColumnKind.DECIMAL, size, digits);
      case "REAL" -> ColumnShape.of(column, ColumnKind.REAL, 0, 0);
      case "DOUBLE PRECISION" -> ColumnShape.of(column, ColumnKind.DOUBLE, 0, 0);
      case "CHARACTER", "CHARACTER VARYING", "VARCHAR_IGNORECASE", "CHARACTER LARGE OBJECT" ->
          ColumnShape.of(column, ColumnKind.TEXT, size, 0);
      case "BINARY", "BINARY VARYING", "BINARY LARGE OBJECT" ->
          ColumnShape.of(column, ColumnKind.BINARY, size, 0);
      case "BOOLEAN" -> ColumnShape.of(column, ColumnKind.BOOLEAN, 0, 0);
      case "DATE" -> ColumnShape.of(column, ColumnKind.DATE, 0, 0);
      case "TIME" -> ColumnShape.of(column, ColumnKind.TIME, 0, digits);
      case "TIMESTAMP" -> ColumnShape.of(column, ColumnKind.TIMESTAMP, 0, digits);
      case "TIMESTAMP WITH TIME ZONE" -> ColumnShape.of(column, ColumnKind.TIMESTAMP_TZ, 0, digits);
      case "UUID" -> ColumnShape.of(column, ColumnKind.UUID, 0, 0);
      case "JSON" -> ColumnShape.of(column, ColumnKind.JSON, size, 0);
      default -> ColumnShape.of(column, ColumnKind.UNSUPPORTED, 0, 0);
    };
  }

  @Override
  public ColumnCodec codec(String table, ColumnShape column) {
    return JdbcCodecs.of(column.kind());
  }

  /** Without FORMAT JSON, H2 would store the text as one JSON string value. */
  @Override
  public String placeholder(ColumnShape column) {
    return column.kind() == ColumnKind.JSON ? "? FORMAT JSON" : "?";
  }

  @Override
  public String upsert(String table, List<String> columns, List<String> keyColumns, String values) {
    return "MERGE INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") KEY ("
        + String.join(", ", keyColumns)
        + ") VALUES "
        + values;
  }

  /**
   * H2 2.x has no shared row lock; {@code FOR UPDATE} locks the chunk's rows exclusively, which
   * keeps writers out just the same (and readers, which H2's MVCC does not block, are unaffected).
   */
  @Override
  public String shareLockClause() {
    return " FOR UPDATE";
  }
}
