package dev.zdm.jdbc.shadow;

import dev.zdm.jdbc.rows.ColumnKind;
import dev.zdm.jdbc.rows.ColumnShape;
import dev.zdm.jdbc.verify.CanonicalValues;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;

/**
 * How to read the rows of one result into the verifier's canonical values ({@link
 * CanonicalValues}), the same text whichever engine returned them. Built from the result's metadata
 * once per result.
 *
 * <p>Only labels and types are asked of the metadata (cheap on the caller's thread: a driver may
 * query its catalog for table names, which only the worker asks for).
 *
 * <p>Values are read as an application reading the row with the usual getters sees them: every
 * timestamp (with or without zone) through {@code getTimestamp}, so in the JVM's zone on both
 * sides; other kinds as {@link ColumnKind} describes. Immutable after construction.
 */
final class ResultRows {

  final String[] labels;
  private final ColumnKind[] kinds;
  private final CanonicalValues canonical;

  private ResultRows(ResultSetMetaData metaData) throws SQLException {
    int count = metaData.getColumnCount();
    labels = new String[count];
    kinds = new ColumnKind[count];
    ColumnShape[] shapes = new ColumnShape[count];
    for (int i = 0; i < count; i++) {
      labels[i] = metaData.getColumnLabel(i + 1);
      int jdbcType = metaData.getColumnType(i + 1);
      String typeName = String.valueOf(metaData.getColumnTypeName(i + 1));
      kinds[i] = kind(jdbcType, typeName.toLowerCase(Locale.ROOT));
      shapes[i] =
          new ColumnShape(labels[i], jdbcType, typeName, true, 0, 0, kinds[i], false, false);
    }
    canonical = new CanonicalValues(shapes, new boolean[count]);
  }

  static ResultRows of(ResultSet resultSet) throws SQLException {
    return new ResultRows(resultSet.getMetaData());
  }

  int width() {
    return labels.length;
  }

  /** The values of the current row, as read (not yet canonical). */
  Object[] values(ResultSet row) throws SQLException {
    Object[] values = new Object[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      values[i] = read(row, i + 1, kinds[i]);
    }
    return values;
  }

  /** The canonical text of every value of the current row. */
  String[] canonical(ResultSet row) throws SQLException {
    return canonical.of(values(row));
  }

  /** The 64-bit digest of the current row's canonical values. */
  long digest(ResultSet row) throws SQLException {
    return digest(values(row));
  }

  /** The 64-bit digest of a row's values as {@link #values} read them. */
  long digest(Object[] values) {
    return CanonicalValues.hash(canonical.of(values));
  }

  /** Whether the other result has the same columns, by label, case-insensitively. */
  boolean sameColumns(ResultRows other) {
    if (other.labels.length != labels.length) {
      return false;
    }
    for (int i = 0; i < labels.length; i++) {
      if (!labels[i].equalsIgnoreCase(other.labels[i])) {
        return false;
      }
    }
    return true;
  }

  private static ColumnKind kind(int jdbcType, String typeName) {
    return switch (jdbcType) {
      case Types.BOOLEAN -> ColumnKind.BOOLEAN;
      case Types.BIT ->
          typeName.startsWith("bool") || typeName.equals("tinyint") || typeName.equals("bit")
              ? ColumnKind.BOOLEAN
              : ColumnKind.TEXT;
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT ->
          typeName.contains("unsigned") ? ColumnKind.DECIMAL : ColumnKind.INTEGER;
      case Types.NUMERIC, Types.DECIMAL -> ColumnKind.DECIMAL;
      case Types.REAL -> ColumnKind.REAL;
      case Types.FLOAT, Types.DOUBLE -> ColumnKind.DOUBLE;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ColumnKind.BINARY;
      case Types.DATE -> ColumnKind.DATE;
      case Types.TIME, Types.TIME_WITH_TIMEZONE -> ColumnKind.TIME;
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ColumnKind.TIMESTAMP;
      default ->
          typeName.startsWith("json")
              ? ColumnKind.JSON
              : typeName.equals("uuid") ? ColumnKind.UUID : ColumnKind.TEXT;
    };
  }

  private static Object read(ResultSet row, int index, ColumnKind kind) throws SQLException {
    Object value =
        switch (kind) {
          case INTEGER -> row.getLong(index);
          case DECIMAL -> row.getBigDecimal(index);
          case REAL -> row.getFloat(index);
          case DOUBLE -> row.getDouble(index);
          case BINARY -> row.getBytes(index);
          case BOOLEAN -> row.getBoolean(index);
          case DATE -> row.getObject(index, LocalDate.class);
          case TIME -> row.getObject(index, LocalTime.class);
          case TIMESTAMP -> {
            Timestamp timestamp = row.getTimestamp(index);
            yield timestamp == null ? null : timestamp.toLocalDateTime();
          }
          default -> row.getString(index);
        };
    return row.wasNull() ? null : value;
  }
}
