package dev.zdm.jdbc.rows;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one column's values from result sets and binds them to statements, in the Java type of the
 * column's {@link ColumnKind}. A {@link RowSql} makes one per column when a reader or writer is
 * built, so that no type decisions are left for each row. Implementations are stateless and
 * thread-safe.
 */
public interface ColumnCodec {

  /**
   * Reads the value at a position of the current row.
   *
   * @param row a result set positioned on a row
   * @param index the 1-based column index
   * @return the value in the kind's Java type, or {@code null} for SQL NULL
   * @throws SQLException if the driver fails
   * @throws dev.zdm.ZdmException if the value cannot be represented exactly
   */
  Object read(ResultSet row, int index) throws SQLException;

  /**
   * Binds a value to a parameter.
   *
   * @param statement the statement
   * @param index the 1-based parameter index
   * @param value a value in the kind's Java type, or {@code null}
   * @throws SQLException if the driver fails
   */
  void bind(PreparedStatement statement, int index, Object value) throws SQLException;
}
