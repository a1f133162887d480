package dev.zdm.jdbc.relay;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads a whole table in key order into canonical text, without any of zdm's code, so that tests
 * can compare source and target on their own terms: numbers by value and scale, booleans from 1/0
 * or true/false, bytes as hex, text exactly.
 */
public final class IndependentComparison {

  private IndependentComparison() {}

  public static List<String> rows(Connection connection, String table, String orderBy)
      throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " ORDER BY " + orderBy)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.append(md.getColumnLabel(i).toLowerCase(Locale.ROOT)).append('=');
          row.append(canonical(rs, i, md.getColumnType(i), md.getColumnTypeName(i))).append(';');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static String canonical(ResultSet rs, int i, int type, String typeName)
      throws SQLException {
    Object value = rs.getObject(i);
    if (value == null) {
      return "NULL";
    }
    switch (type) {
      case Types.BIT, Types.BOOLEAN, Types.TINYINT -> {
        if (typeName.toLowerCase(Locale.ROOT).startsWith("bool") || type != Types.TINYINT) {
          return String.valueOf(rs.getBoolean(i));
        }
        return String.valueOf(rs.getLong(i));
      }
      case Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
        return String.valueOf(rs.getLong(i));
      }
      case Types.NUMERIC, Types.DECIMAL -> {
        BigDecimal decimal = rs.getBigDecimal(i);
        return decimal.toPlainString();
      }
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
        return HexFormat.of().formatHex(rs.getBytes(i));
      }
      default -> {
        String text = rs.getString(i);
        return "\""
            + new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
            + "\"";
      }
    }
  }
}
