package dev.zdm.jdbc.control;

import dev.zdm.jdbc.ZdmDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the new side's generated-key counters past the old side's, under the fence, so that the
 * first row the application inserts after the switch does not collide with a row that came over by
 * replication: PostgreSQL sequences owned by a column (serial and identity), MariaDB {@code
 * AUTO_INCREMENT}. A counter is only ever raised. H2 counters are not synced. Not thread-safe; one
 * switch uses one instance.
 */
final class SequenceSync {

  private static final Logger log = LoggerFactory.getLogger(SequenceSync.class);

  private final String migration;

  SequenceSync(String migration) {
    this.migration = migration;
  }

  /**
   * Raises the counters of one table pair.
   *
   * @param from the old side and its table
   * @param to the new side and its table
   * @param columns old-side column name to new-side column name
   * @return how many counters were raised
   */
  int sync(TableRef from, TableRef to, Map<String, String> columns) throws SQLException {
    Map<String, Long> next;
    try (Connection connection = from.db().dataSource().getConnection()) {
      next = nextValues(connection, from);
    }
    int raised = 0;
    try (Connection connection = to.db().dataSource().getConnection()) {
      connection.setAutoCommit(true);
      Map<String, Long> current = nextValues(connection, to);
      for (Map.Entry<String, Long> counter : next.entrySet()) {
        String column = columns.getOrDefault(counter.getKey(), counter.getKey());
        long maxOnNew = maxValue(connection, to, column).map(v -> v + 1).orElse(1L);
        long wanted = Math.max(counter.getValue(), maxOnNew);
        Long now = current.get(column);
        if (now != null && wanted > now) {
          raise(connection, to, column, wanted);
          log.info(
              "{}: raised the counter of {}.{} from {} to {}",
              migration,
              to.table(),
              column,
              now,
              wanted);
          raised++;
        }
      }
    }
    return raised;
  }

  /** Column name to the next value its counter hands out. */
  private static Map<String, Long> nextValues(Connection connection, TableRef table)
      throws SQLException {
    Map<String, Long> next = new LinkedHashMap<>();
    switch (table.db().dialect().name()) {
      case "postgresql" -> {
        try (PreparedStatement query =
            connection.prepareStatement(
                "SELECT a.attname, pg_get_serial_sequence(?, a.attname) FROM pg_attribute a"
                    + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0"
                    + " AND NOT a.attisdropped")) {
          query.setString(1, table.qualified());
          query.setString(2, table.qualified());
          Map<String, String> sequences = new LinkedHashMap<>();
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              if (rows.getString(2) != null) {
                sequences.put(rows.getString(1), rows.getString(2));
              }
            }
          }
          for (Map.Entry<String, String> sequence : sequences.entrySet()) {
            // pg_get_serial_sequence returns the sequence's name quoted as needed.
            try (Statement statement = connection.createStatement();
                ResultSet row =
                    statement.executeQuery(
                        "SELECT last_value, is_called FROM " + sequence.getValue())) {
              row.next();
              next.put(sequence.getKey(), row.getLong(1) + (row.getBoolean(2) ? 1 : 0));
            }
          }
        }
      }
      case "mariadb" -> {
        try (PreparedStatement query =
            connection.prepareStatement(
                "SELECT c.column_name, t.auto_increment FROM information_schema.columns c"
                    + " JOIN information_schema.tables t ON t.table_schema = c.table_schema"
                    + " AND t.table_name = c.table_name WHERE c.table_schema = ?"
                    + " AND c.table_name = ? AND c.extra LIKE '%auto_increment%'")) {
          query.setString(1, table.schema());
          query.setString(2, table.table());
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              next.put(rows.getString(1), rows.getLong(2) == 0 ? 1 : rows.getLong(2));
            }
          }
        }
      }
      default -> {
        // H2 and engines without a known counter: nothing to read.
      }
    }
    return next;
  }

  private static Optional<Long> maxValue(Connection connection, TableRef table, String column)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT MAX("
                    + table.db().dialect().quote(column)
                    + ") FROM "
                    + table.qualified())) {
      row.next();
      long value = row.getLong(1);
      return row.wasNull() ? Optional.empty() : Optional.of(value);
    }
  }

  private static void raise(Connection connection, TableRef table, String column, long next)
      throws SQLException {
    if (table.db().dialect().name().equals("postgresql")) {
      try (PreparedStatement set =
          connection.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), ?, false)")) {
        set.setString(1, table.qualified());
        set.setString(2, column);
        set.setLong(3, next);
        set.execute();
      }
    } else {
      try (Statement statement = connection.createStatement()) {
        statement.execute("ALTER TABLE " + table.qualified() + " AUTO_INCREMENT = " + next);
      }
    }
  }

  /** A table in one database, with its resolved schema. */
  record TableRef(ZdmDatabase db, String schema, String table) {
    String qualified() {
      return db.dialect().quote(schema) + "." + db.dialect().quote(table);
    }
  }
}
