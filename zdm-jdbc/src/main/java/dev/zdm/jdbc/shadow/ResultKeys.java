package dev.zdm.jdbc.shadow;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which columns name a row of a result in a mismatch report: the primary key of the result's one
 * table (from the catalog, cached per table) when the result holds all its columns, else the key
 * columns configured for that table, else none (rows are named by position). Thread-safe.
 */
final class ResultKeys {

  private final Map<String, List<String>> configured;
  // Per catalog.schema.table: the table's name, then its primary-key columns in key order.
  private final Map<String, List<String>> primaryKeys = new ConcurrentHashMap<>();

  ResultKeys(Map<String, List<String>> configured) {
    this.configured = configured;
  }

  /** The primary-key columns of the result's one table, when the result holds all of them. */
  List<String> primaryKey(Connection connection, ResultSetMetaData metaData) {
    try {
      String table = null;
      String schema = null;
      for (int i = 1; i <= metaData.getColumnCount(); i++) {
        String t = metaData.getTableName(i);
        if (t == null || t.isEmpty()) {
          continue;
        }
        if (table != null && !table.equals(t)) {
          return List.of();
        }
        table = t;
        schema = metaData.getSchemaName(i);
      }
      if (table == null) {
        return List.of();
      }
      String found = table;
      String inSchema = schema == null || schema.isEmpty() ? connection.getSchema() : schema;
      String catalog = connection.getCatalog();
      return primaryKeys.computeIfAbsent(
          String.valueOf(catalog) + "." + inSchema + "." + found,
          k -> {
            List<String> columns = new ArrayList<>();
            try {
              DatabaseMetaData catalogData = connection.getMetaData();
              try (ResultSet keys = catalogData.getPrimaryKeys(catalog, inSchema, found)) {
                TreeMap<Integer, String> bySeq = new TreeMap<>();
                while (keys.next()) {
                  bySeq.put(keys.getInt("KEY_SEQ"), keys.getString("COLUMN_NAME"));
                }
                columns.addAll(bySeq.values());
              }
            } catch (SQLException e) {
              return List.of();
            }
            columns.add(0, found);
            return List.copyOf(columns);
          });
    } catch (SQLException e) {
      return List.of();
    }
  }

  /**
   * The indices of the key columns in a result: the table's primary key when the result holds it,
   * else the configured key columns of its table.
   */
  int[] keyColumns(ResultRows shape, List<String> tableAndKey) {
    if (tableAndKey != null && tableAndKey.size() > 1) {
      int[] found = indices(shape, tableAndKey.subList(1, tableAndKey.size()));
      if (found != null) {
        return found;
      }
    }
    String table =
        tableAndKey != null && !tableAndKey.isEmpty()
            ? tableAndKey.get(0).toLowerCase(Locale.ROOT)
            : null;
    for (Map.Entry<String, List<String>> entry : configured.entrySet()) {
      if (table == null || table.equals(entry.getKey())) {
        int[] found = indices(shape, entry.getValue());
        if (found != null) {
          return found;
        }
      }
    }
    return new int[0];
  }

  private static int[] indices(ResultRows shape, List<String> columns) {
    int[] out = new int[columns.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = -1;
      for (int i = 0; i < shape.width(); i++) {
        if (shape.labels[i].equalsIgnoreCase(columns.get(k))) {
          out[k] = i;
          break;
        }
      }
      if (out[k] < 0) {
        return null;
      }
    }
    return out;
  }
}
