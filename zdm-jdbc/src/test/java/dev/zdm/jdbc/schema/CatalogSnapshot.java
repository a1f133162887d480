package dev.zdm.jdbc.schema;

import dev.zdm.test.Engine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every named object in the connection's current schema, read from the engine's own catalog
 * (tables, indexes, sequences, triggers, functions), so that tests can prove what zdm added and
 * removed independently of zdm's own bookkeeping.
 */
public final class CatalogSnapshot {

  private CatalogSnapshot() {}

  public static Set<String> of(Connection connection, Engine engine) throws SQLException {
    List<String> queries =
        switch (engine) {
          case POSTGRES ->
              List.of(
                  "SELECT c.relkind::text || ':' || c.relname FROM pg_class c"
                      + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                      + " WHERE n.nspname = current_schema()",
                  "SELECT 'function:' || p.proname FROM pg_proc p"
                      + " JOIN pg_namespace n ON n.oid = p.pronamespace"
                      + " WHERE n.nspname = current_schema()",
                  "SELECT 'trigger:' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                      + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                      + " WHERE n.nspname = current_schema() AND NOT t.tgisinternal");
          case MARIADB ->
              List.of(
                  "SELECT CONCAT('table:', table_name) FROM information_schema.tables"
                      + " WHERE table_schema = DATABASE()",
                  "SELECT CONCAT('index:', table_name, '.', index_name) FROM information_schema.statistics"
                      + " WHERE table_schema = DATABASE()",
                  "SELECT CONCAT('trigger:', trigger_name) FROM information_schema.triggers"
                      + " WHERE trigger_schema = DATABASE()",
                  "SELECT CONCAT('routine:', routine_name) FROM information_schema.routines"
                      + " WHERE routine_schema = DATABASE()");
          case H2 ->
              List.of(
                  "SELECT 'table:' || table_name FROM information_schema.tables"
                      + " WHERE table_schema = CURRENT_SCHEMA",
                  "SELECT 'index:' || index_name FROM information_schema.indexes"
                      + " WHERE index_schema = CURRENT_SCHEMA",
                  "SELECT 'sequence:' || sequence_name FROM information_schema.sequences"
                      + " WHERE sequence_schema = CURRENT_SCHEMA",
                  "SELECT 'trigger:' || trigger_name FROM information_schema.triggers"
                      + " WHERE trigger_schema = CURRENT_SCHEMA");
        };
    Set<String> objects = new TreeSet<>();
    try (Statement statement = connection.createStatement()) {
      for (String query : queries) {
        try (ResultSet rows = statement.executeQuery(query)) {
          while (rows.next()) {
            objects.add(rows.getString(1));
          }
        }
      }
    }
    return objects;
  }
}
