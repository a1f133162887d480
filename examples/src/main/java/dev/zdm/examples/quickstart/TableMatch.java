package dev.zdm.examples.quickstart;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A plain comparison of one table on both sides, row by row in key order, for the quickstart's
 * summary. zdm's verifier does this at scale, chunk by chunk; this reads everything.
 */
final class TableMatch {

  private TableMatch() {}

  record Result(String table, int sourceRows, int targetRows, int differences) {
    boolean equal() {
      return differences == 0 && sourceRows == targetRows;
    }
  }

  static Result compare(DataSource source, DataSource target, String table) throws SQLException {
    List<List<Object>> left = rows(source, table);
    List<List<Object>> right = rows(target, table);
    int differences = Math.abs(left.size() - right.size());
    for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
      if (!Objects.equals(left.get(i), right.get(i))) {
        differences++;
      }
    }
    return new Result(table, left.size(), right.size(), differences);
  }

  private static List<List<Object>> rows(DataSource dataSource, String table) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          int type = md.getColumnType(i);
          Object value =
              switch (type) {
                case Types.DECIMAL, Types.NUMERIC -> {
                  BigDecimal d = rs.getBigDecimal(i);
                  yield d == null ? null : d.toPlainString();
                }
                case Types.TIMESTAMP -> rs.getObject(i, java.time.LocalDateTime.class);
                case Types.BIGINT, Types.INTEGER -> rs.getObject(i) == null ? null : rs.getLong(i);
                default -> rs.getString(i);
              };
          row.add(value);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
