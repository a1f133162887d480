package dev.zdm.jdbc.rows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.Engine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads the type-rich table with SQL of its own (text casts, epoch seconds, hex-free byte reads),
 * never through zdm's readers or codecs, and compares two databases' contents value by value. Byte
 * arrays become {@link ByteBuffer}s so that they compare by content; instants become {@link
 * Instant}s except in H2, which keeps offsets.
 */
final class IndependentRead {

  private IndependentRead() {}

  static Map<Long, Map<String, Object>> rows(Connection connection, Engine engine, String table)
      throws SQLException {
    List<String> select = new ArrayList<>();
    for (String column : TypeRichTable.COLUMNS) {
      select.add(expression(engine, column));
    }
    Map<Long, Map<String, Object>> rows = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT " + String.join(", ", select) + " FROM " + table + " ORDER BY id")) {
      while (result.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < TypeRichTable.COLUMNS.size(); i++) {
          row.put(
              TypeRichTable.COLUMNS.get(i),
              value(result, i + 1, engine, TypeRichTable.COLUMNS.get(i)));
        }
        rows.put((Long) row.get("id"), row);
      }
    }
    return rows;
  }

  private static String expression(Engine engine, String column) {
    return switch (engine) {
      case POSTGRES ->
          switch (column) {
            case "c_dec",
                "c_dec38",
                "c_real",
                "c_double",
                "c_date",
                "c_time",
                "c_ts",
                "c_uuid",
                "c_json",
                "c_jsontext" ->
                column + "::text";
            case "c_tstz" -> "extract(epoch from c_tstz)::text";
            default -> column;
          };
      case MARIADB ->
          switch (column) {
            case "c_real" -> "CAST(c_real AS DOUBLE)";
            case "c_dec", "c_dec38", "c_double", "c_date", "c_time", "c_ts", "c_uuid" ->
                "CAST(" + column + " AS CHAR)";
            case "c_tstz" -> "UNIX_TIMESTAMP(c_tstz)";
            default -> column;
          };
      case H2 -> column.startsWith("c_json") ? "CAST(" + column + " AS VARCHAR)" : column;
    };
  }

  private static Object value(ResultSet result, int index, Engine engine, String column)
      throws SQLException {
    if (result.getObject(index) == null) {
      return null;
    }
    return switch (column) {
      case "id", "c_smallint", "c_int", "c_bigint" -> result.getLong(index);
      case "c_dec", "c_dec38" -> new BigDecimal(result.getString(index));
      case "c_real" ->
          engine == Engine.MARIADB
              ? (float) Double.parseDouble(result.getString(index))
              : Float.parseFloat(result.getString(index));
      case "c_double" -> Double.parseDouble(result.getString(index));
      case "c_bytes" -> ByteBuffer.wrap(result.getBytes(index));
      case "c_bool" ->
          engine == Engine.MARIADB ? bit(result.getInt(index)) : result.getBoolean(index);
      case "c_date" -> LocalDate.parse(result.getString(index));
      case "c_time" -> LocalTime.parse(result.getString(index));
      case "c_ts" -> LocalDateTime.parse(result.getString(index).replace(' ', 'T'));
      case "c_tstz" ->
          engine == Engine.H2
              ? result.getObject(index, OffsetDateTime.class)
              : epoch(new BigDecimal(result.getString(index)));
      case "c_uuid" ->
          engine == Engine.H2
              ? result.getObject(index, UUID.class)
              : UUID.fromString(result.getString(index));
      default -> result.getString(index);
    };
  }

  private static boolean bit(int value) {
    assertThat(value).as("a MariaDB BOOLEAN holds 0 or 1").isBetween(0, 1);
    return value == 1;
  }

  private static Instant epoch(BigDecimal seconds) {
    BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
    long nanos = seconds.subtract(whole).movePointRight(9).longValueExact();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }

  /** Puts an expected (inserted) value into the form {@link #rows} reads it back in. */
  static Object expected(Engine engine, Object value) {
    if (value instanceof byte[] bytes) {
      return ByteBuffer.wrap(bytes);
    }
    if (value instanceof OffsetDateTime time && engine != Engine.H2) {
      return time.toInstant();
    }
    return value;
  }

  /**
   * Asserts that every row of the source arrived unchanged in the target. CHAR values compare
   * without trailing pad spaces across engines (MariaDB strips them when read, PostgreSQL adds
   * them); jsonb compares as the target normalises the source's text.
   */
  static void assertSame(
      Map<Long, Map<String, Object>> source,
      Engine sourceEngine,
      Map<Long, Map<String, Object>> target,
      Engine targetEngine,
      Connection targetConnection)
      throws SQLException {
    assertThat(target.keySet()).as("row ids").isEqualTo(source.keySet());
    for (Long id : source.keySet()) {
      for (String column : TypeRichTable.COLUMNS) {
        Object from = source.get(id).get(column);
        Object to = target.get(id).get(column);
        if (from != null && column.equals("c_char") && sourceEngine != targetEngine) {
          from = ((String) from).stripTrailing();
          to = to == null ? null : ((String) to).stripTrailing();
        }
        if (from != null && column.equals("c_json") && targetEngine == Engine.POSTGRES) {
          from = jsonb(targetConnection, (String) from);
        }
        if (from instanceof Instant && to instanceof OffsetDateTime time) {
          to = time.toInstant();
        }
        assertThat(to).as("row %s column %s", id, column).isEqualTo(from);
      }
    }
  }

  private static String jsonb(Connection postgres, String json) throws SQLException {
    try (PreparedStatement statement = postgres.prepareStatement("SELECT CAST(? AS jsonb)::text")) {
      statement.setString(1, json);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getString(1);
      }
    }
  }
}
