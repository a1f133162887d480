package dev.zdm.jdbc.relay;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which one transaction writes to target tables that reference each other: parents
 * before children for upserts, children before parents for deletes, read from the target's foreign
 * keys. A cycle cannot be ordered; it needs DEFERRABLE constraints on the target, and zdm then
 * keeps the configured order.
 */
final class TableOrder {

  private TableOrder() {}

  /**
   * Sorts target tables parents first.
   *
   * @param connection a target connection
   * @param schema the target schema (a database, in MariaDB), or null for the current one
   * @param tables the target tables, in the configured order
   * @return the same tables, every parent before its children
   */
  static List<String> parentsFirst(Connection connection, String schema, Collection<String> tables)
      throws SQLException {
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    DatabaseMetaData metadata = connection.getMetaData();
    boolean catalogs =
        metadata.getDatabaseProductName().toLowerCase().matches(".*(mariadb|mysql).*");
    String current = catalogs ? connection.getCatalog() : connection.getSchema();
    String where = schema != null ? schema : current;
    for (String table : tables) {
      Set<String> references = new LinkedHashSet<>();
      try (ResultSet keys =
          catalogs
              ? metadata.getImportedKeys(where, null, table)
              : metadata.getImportedKeys(null, where, table)) {
        while (keys.next()) {
          String parent = keys.getString("PKTABLE_NAME");
          if (tables.contains(parent) && !parent.equals(table)) {
            references.add(parent);
          }
        }
      }
      parents.put(table, references);
    }
    List<String> ordered = new ArrayList<>();
    Set<String> visiting = new LinkedHashSet<>();
    for (String table : tables) {
      visit(table, parents, visiting, ordered);
    }
    return ordered;
  }

  private static void visit(
      String table, Map<String, Set<String>> parents, Set<String> visiting, List<String> ordered) {
    if (ordered.contains(table)) {
      return;
    }
    if (!visiting.add(table)) {
      // A cycle: keep the configured order; DEFERRABLE constraints make it valid at commit.
      return;
    }
    for (String parent : parents.getOrDefault(table, Set.of())) {
      visit(parent, parents, visiting, ordered);
    }
    visiting.remove(table);
    if (!ordered.contains(table)) {
      ordered.add(table);
    }
  }
}
