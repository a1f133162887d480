package dev.zdm.examples.quickstart;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent read of a shop table, row by row in key order, with values in one form whatever
 * the engine (decimals as plain text, timestamps as local date-times), for comparing both sides
 * without zdm's verifier.
 */
final class TableRows {

  private TableRows() {}

  static List<List<Object>> read(String url, String table) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(
              switch (md.getColumnType(i)) {
                case Types.DECIMAL, Types.NUMERIC -> {
                  BigDecimal d = rs.getBigDecimal(i);
                  yield d == null ? null : d.toPlainString();
                }
                case Types.TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
                case Types.BIGINT, Types.INTEGER -> rs.getObject(i) == null ? null : rs.getLong(i);
                default -> rs.getString(i);
              });
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
