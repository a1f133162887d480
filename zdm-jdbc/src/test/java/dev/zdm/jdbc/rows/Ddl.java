package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Test DDL written once for every engine: {@code {text}}, {@code {tstz}} and the like become the
 * engine's type, and MariaDB tables get utf8mb4 with a binary collation.
 */
final class Ddl {

  private static final Map<String, String[]> TYPES =
      Map.ofEntries(
          // token -> {PostgreSQL, MariaDB, H2}
          Map.entry("{text}", new String[] {"text", "LONGTEXT", "CHARACTER VARYING"}),
          Map.entry("{bytes}", new String[] {"bytea", "LONGBLOB", "VARBINARY"}),
          Map.entry("{uuid}", new String[] {"uuid", "UUID", "UUID"}),
          Map.entry("{json}", new String[] {"jsonb", "JSON", "JSON"}),
          Map.entry("{jsontext}", new String[] {"json", "JSON", "JSON"}),
          Map.entry("{real}", new String[] {"real", "FLOAT", "REAL"}),
          Map.entry("{double}", new String[] {"double precision", "DOUBLE", "DOUBLE PRECISION"}),
          Map.entry("{ts}", new String[] {"timestamp(6)", "DATETIME(6)", "TIMESTAMP(6)"}),
          Map.entry(
              "{tstz}",
              new String[] {
                "timestamp(6) with time zone", "TIMESTAMP(6) NULL", "TIMESTAMP(6) WITH TIME ZONE"
              }));

  private Ddl() {}

  static String of(Engine engine, String template) {
    int column = engine.ordinal();
    String sql = template;
    for (Map.Entry<String, String[]> type : TYPES.entrySet()) {
      sql = sql.replace(type.getKey(), type.getValue()[column]);
    }
    if (engine == Engine.MARIADB && sql.startsWith("CREATE TABLE")) {
      sql += " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }
    return sql;
  }

  static void run(Connection connection, Engine engine, String... templates) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String template : templates) {
        statement.execute(of(engine, template));
      }
    }
  }
}
