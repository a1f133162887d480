package dev.zdm.jdbc.verify;

import dev.zdm.ZdmException;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.jdbc.rows.TableShape;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Repairs differences by enqueueing their keys into the source's outbox, as an update of each key,
 * so that the relay copies the source's current row (or deletes the target's row when the source
 * has none). Each change row is written exactly as the capture trigger would write it: the key text
 * is built by the database with the trigger's own expression over values cast to the key columns'
 * declared types ({@code json_build_array(...)::text} in PostgreSQL, {@code JSON_ARRAY(...)} in
 * MariaDB), and the partition is the trigger's hash of that text, so a repaired key lands in the
 * partition its live changes use and is never applied by two relay workers at once. Thread-safe.
 */
public final class OutboxRepair {

  private static final DateTimeFormatter MARIADB_DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  private final ZdmDatabase source;
  private final String migration;
  private final int partitions;

  /**
   * Creates the repair.
   *
   * @param source the capturing database
   * @param migration the migration
   * @param partitions the relay's (and the capture's) partition count
   */
  public OutboxRepair(ZdmDatabase source, String migration, int partitions) {
    this.source = source;
    this.migration = migration;
    this.partitions = partitions;
  }

  /**
   * Enqueues keys of one source table.
   *
   * @param table the source table
   * @param keys keys in source key order
   * @return how many change rows were written
   * @throws ZdmException if the database refuses, naming the table
   */
  public int enqueue(TableShape table, Collection<RowKey> keys) {
    if (keys.isEmpty()) {
      return 0;
    }
    String engine = table.dialect().name();
    try (Connection connection = source.dataSource().getConnection()) {
      List<KeyCast> casts =
          switch (engine) {
            case "postgresql" -> postgresCasts(connection, table);
            case "mariadb" -> mariaDbCasts(connection, table);
            default ->
                throw new ZdmException(
                    migration + ": repair through the outbox is not supported on " + engine);
          };
      String sql = engine.equals("postgresql") ? postgresInsert(casts) : mariaDbInsert(casts);
      // One statement per key: MariaDB runs SET STATEMENT ... FOR outside its bulk batch protocol,
      // and repairs are few.
      int written = 0;
      try (PreparedStatement insert = connection.prepareStatement(sql)) {
        for (RowKey key : keys) {
          insert.setString(1, migration);
          insert.setString(2, table.table());
          for (int k = 0; k < casts.size(); k++) {
            insert.setString(3 + k, casts.get(k).text(key.values().get(k)));
          }
          written += insert.executeUpdate();
        }
      }
      return written;
    } catch (SQLException e) {
      throw new ZdmException(
          migration
              + ": enqueueing repairs of table "
              + table.qualifiedName()
              + " failed (SQLState "
              + e.getSQLState()
              + "): "
              + e.getMessage(),
          e);
    }
  }

  /** One key column: how its value is cast in SQL and how the key's value is written as text. */
  private record KeyCast(String expression, Kind kind) {
    String text(Object value) {
      return switch (kind) {
        case BOOLEAN_NUMBER -> Boolean.TRUE.equals(value) ? "1" : "0";
        case MARIADB_INSTANT ->
            MARIADB_DATETIME.format(Instant.parse(value.toString()).atOffset(ZoneOffset.UTC));
        case MARIADB_DATETIME -> MARIADB_DATETIME.format(LocalDateTime.parse(value.toString()));
        case PLAIN -> value instanceof BigDecimal d ? d.toPlainString() : value.toString();
      };
    }
  }

  private enum Kind {
    PLAIN,
    BOOLEAN_NUMBER,
    MARIADB_INSTANT,
    MARIADB_DATETIME
  }

  private static List<KeyCast> postgresCasts(Connection connection, TableShape table)
      throws SQLException {
    int major = connection.getMetaData().getDatabaseMajorVersion();
    List<KeyCast> casts = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " WHERE a.attrelid = to_regclass(?) AND a.attname = ?")) {
      for (var column : table.primaryKey()) {
        query.setString(1, quotePg(table.schema()) + "." + quotePg(table.table()));
        query.setString(2, column.name());
        String type;
        try (ResultSet row = query.executeQuery()) {
          row.next();
          type = row.getString(1);
        }
        String value = "CAST(CAST(? AS text) AS " + type + ")";
        // The trigger's own forms (PostgresCaptureSql): instants as UTC text, plain numeric
        // trimmed.
        if (type.equals("timestamp with time zone")
            || type.startsWith("timestamp(") && type.endsWith("with time zone")) {
          value = "to_char(" + value + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
        } else if (type.equals("numeric") && major >= 13) {
          value = "trim_scale(" + value + ")";
        }
        casts.add(new KeyCast(value, Kind.PLAIN));
      }
    }
    return casts;
  }

  private String postgresInsert(List<KeyCast> casts) {
    List<String> values = casts.stream().map(KeyCast::expression).toList();
    return "INSERT INTO "
        + source.table(source.tables().changes())
        + " (migration, table_name, pk, op, partition_no) SELECT ?, ?, k.pk, 'U',"
        + " (hashtext(k.pk)::bigint & 2147483647) % "
        + partitions
        + " FROM (SELECT json_build_array("
        + String.join(", ", values)
        + ")::text AS pk) k";
  }

  private static List<KeyCast> mariaDbCasts(Connection connection, TableShape table)
      throws SQLException {
    List<KeyCast> casts = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT DATA_TYPE, COLUMN_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION"
                + " FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
      for (var column : table.primaryKey()) {
        query.setString(1, table.schema());
        query.setString(2, table.table());
        query.setString(3, column.name());
        try (ResultSet row = query.executeQuery()) {
          row.next();
          String data = row.getString(1).toLowerCase(Locale.ROOT);
          String type = row.getString(2).toLowerCase(Locale.ROOT);
          int fraction = row.getInt(5);
          casts.add(
              switch (data) {
                case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" ->
                    new KeyCast(
                        "CAST(? AS " + (type.contains("unsigned") ? "UNSIGNED" : "SIGNED") + ")",
                        type.startsWith("tinyint(1)") ? Kind.BOOLEAN_NUMBER : Kind.PLAIN);
                case "decimal", "numeric" ->
                    new KeyCast(
                        "CAST(? AS DECIMAL(" + row.getInt(3) + "," + row.getInt(4) + "))",
                        Kind.PLAIN);
                case "date" -> new KeyCast("CAST(? AS DATE)", Kind.PLAIN);
                case "time" -> new KeyCast("CAST(? AS TIME(" + fraction + "))", Kind.PLAIN);
                case "datetime" ->
                    new KeyCast("CAST(? AS DATETIME(" + fraction + "))", Kind.MARIADB_DATETIME);
                // The trigger's form (MariaDbCaptureSql): the stored UTC instant as ISO text.
                case "timestamp" ->
                    new KeyCast(
                        "DATE_FORMAT(TIMESTAMPADD(MICROSECOND, UNIX_TIMESTAMP(CAST(? AS DATETIME(6)))"
                            + " * 1000000, '1970-01-01 00:00:00'), '%Y-%m-%dT%H:%i:%s.%fZ')",
                        Kind.MARIADB_INSTANT);
                default -> new KeyCast("CAST(? AS CHAR CHARACTER SET utf8mb4)", Kind.PLAIN);
              });
        }
      }
    }
    return casts;
  }

  private String mariaDbInsert(List<KeyCast> casts) {
    List<String> values = casts.stream().map(KeyCast::expression).toList();
    return "SET STATEMENT time_zone='+00:00' FOR INSERT INTO "
        + source.table(source.tables().changes())
        + " (migration, table_name, pk, op, partition_no) SELECT ?, ?, k.pk, 'U', CRC32(k.pk) % "
        + partitions
        + " FROM (SELECT CONVERT(JSON_ARRAY("
        + String.join(", ", values)
        + ") USING utf8mb4) COLLATE utf8mb4_bin AS pk) k";
  }

  private static String quotePg(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
