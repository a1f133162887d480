package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A table with a column of every type zdm carries, the same column names in every engine, example
 * rows (ordinary, extreme, NULL, near daylight-saving changes) and an insert in plain JDBC that
 * shares nothing with zdm's own code.
 */
final class TypeRichTable {

  static final List<String> COLUMNS =
      List.of(
          "id",
          "c_smallint",
          "c_int",
          "c_bigint",
          "c_dec",
          "c_dec38",
          "c_real",
          "c_double",
          "c_text",
          "c_varchar",
          "c_char",
          "c_bytes",
          "c_bool",
          "c_date",
          "c_time",
          "c_ts",
          "c_tstz",
          "c_uuid",
          "c_json",
          "c_jsontext");

  private static final DateTimeFormatter MARIADB_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private TypeRichTable() {}

  static String ddl(Engine engine, String table) {
    return Ddl.of(
        engine,
        "CREATE TABLE "
            + table
            + " (id BIGINT PRIMARY KEY, c_smallint SMALLINT, c_int INTEGER, c_bigint BIGINT,"
            + " c_dec NUMERIC(12,3), c_dec38 NUMERIC(38,6), c_real {real}, c_double {double},"
            + " c_text {text}, c_varchar VARCHAR(100), c_char CHAR(10), c_bytes {bytes},"
            + " c_bool BOOLEAN, c_date DATE, c_time TIME(6), c_ts {ts}, c_tstz {tstz},"
            + " c_uuid {uuid}, c_json {json}, c_jsontext {jsontext})");
  }

  /** True when values must fit MariaDB's ranges (TIMESTAMP 1970-2038, no NaN or infinity). */
  static boolean narrow(Engine source, Engine target) {
    return source == Engine.MARIADB || target == Engine.MARIADB;
  }

  static List<Map<String, Object>> examples(Engine source, Engine target) {
    boolean narrow = narrow(source, target);
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, Object> nulls = new LinkedHashMap<>();
    nulls.put("id", 1L);
    rows.add(nulls);
    rows.add(
        row(
            2L,
            (short) 7,
            42,
            1_234_567_890_123L,
            "12.340",
            "-12345678901234567890.123456",
            1.0000001f,
            Math.PI,
            "héllo wörld 👩‍👩‍👧 e\u0301 \u00e9 \u202eRTL",
            "trailing   ",
            "ab",
            new byte[] {0, 1, 2, (byte) 0xff},
            true,
            LocalDate.of(2024, 2, 29),
            LocalTime.of(10, 0, 0, 123_456_000),
            LocalDateTime.of(2024, 1, 1, 10, 0, 0, 123_456_000),
            OffsetDateTime.parse("2024-06-01T12:34:56.789012+02:00"),
            UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
            "{\"b\": [1, 2.50, -0, \"x\u00e9\"], \"a\": null, \"c\": {\"d\": true}}",
            "{\"keep\":   \"my   spacing\", \"dup\": 1, \"dup\": 2}"));
    rows.add(
        row(
            3L,
            Short.MIN_VALUE,
            Integer.MIN_VALUE,
            Long.MIN_VALUE,
            "-999999999.999",
            "-99999999999999999999999999999999.999999",
            Float.MIN_VALUE,
            narrow ? -Double.MAX_VALUE : Double.NEGATIVE_INFINITY,
            "",
            "",
            " ",
            new byte[0],
            false,
            LocalDate.of(1000, 1, 1),
            LocalTime.MIDNIGHT,
            LocalDateTime.of(1000, 1, 1, 0, 0),
            narrow
                ? OffsetDateTime.parse("1970-01-01T00:00:01Z")
                : OffsetDateTime.parse("1900-01-01T00:00:00.000001Z"),
            new UUID(0, 0),
            "[]",
            "\"just a string\""));
    rows.add(
        row(
            4L,
            Short.MAX_VALUE,
            Integer.MAX_VALUE,
            Long.MAX_VALUE,
            "999999999.999",
            "99999999999999999999999999999999.999999",
            Float.MAX_VALUE,
            narrow ? Double.MIN_VALUE : Double.NaN,
            "x".repeat(100_000),
            "x".repeat(100),
            "0123456789",
            megabyte(),
            true,
            LocalDate.of(9999, 12, 31),
            LocalTime.of(23, 59, 59, 999_999_000),
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
            narrow
                ? OffsetDateTime.parse("2038-01-19T03:14:07.999999Z")
                : OffsetDateTime.parse("9999-12-31T23:59:59.999999Z"),
            new UUID(-1, -1),
            "{}",
            "{}"));
    // Either side of the EU spring change and both 01:30s of the US autumn change; the local
    // timestamp 02:30 does not exist in Europe/Berlin that night and must stay 02:30.
    String[] instants = {
      "2024-03-31T00:59:59.999999Z",
      "2024-03-31T01:00:00Z",
      "2024-11-03T05:30:00Z",
      "2024-11-03T06:30:00Z"
    };
    for (int i = 0; i < instants.length; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", 10L + i);
      row.put("c_ts", LocalDateTime.of(2024, 3, 31, 2, 30, 0, i * 1000));
      row.put("c_tstz", OffsetDateTime.parse(instants[i]));
      // MariaDB and H2 have no negative zero: they store -0.0 as 0.0 (see docs/types.md).
      row.put("c_real", source == Engine.POSTGRES && target == Engine.POSTGRES ? -0.0f : 0.0f);
      row.put("c_double", narrow ? 1e-300 : Double.POSITIVE_INFINITY);
      rows.add(row);
    }
    return rows;
  }

  private static byte[] megabyte() {
    byte[] bytes = new byte[1 << 20];
    new Random(20240101).nextBytes(bytes);
    return bytes;
  }

  private static Map<String, Object> row(Object... values) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value instanceof Short s) {
        value = (long) s;
      } else if (value instanceof Integer n) {
        value = (long) n;
      } else if (value instanceof String s && (i == 4 || i == 5)) {
        value = new BigDecimal(s);
      }
      row.put(COLUMNS.get(i), value);
    }
    return row;
  }

  /** Inserts rows with plain JDBC; values missing from a row's map are NULL. */
  static void insert(
      Connection connection, Engine engine, String table, List<Map<String, Object>> rows)
      throws SQLException {
    if (engine == Engine.MARIADB) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET time_zone = '+00:00'");
      }
    }
    List<String> markers = new ArrayList<>();
    for (String column : COLUMNS) {
      markers.add(marker(engine, column));
    }
    String sql =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", COLUMNS)
            + ") VALUES ("
            + String.join(", ", markers)
            + ")";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      for (Map<String, Object> row : rows) {
        for (int i = 0; i < COLUMNS.size(); i++) {
          bind(insert, i + 1, engine, COLUMNS.get(i), row.get(COLUMNS.get(i)));
        }
        insert.executeUpdate();
      }
    }
  }

  private static String marker(Engine engine, String column) {
    return switch (engine) {
      case POSTGRES ->
          switch (column) {
            case "c_json" -> "CAST(? AS jsonb)";
            case "c_jsontext" -> "CAST(? AS json)";
            case "c_uuid" -> "CAST(? AS uuid)";
            default -> "?";
          };
      case H2 -> column.startsWith("c_json") ? "? FORMAT JSON" : "?";
      case MARIADB -> "?";
    };
  }

  private static void bind(
      PreparedStatement insert, int index, Engine engine, String column, Object value)
      throws SQLException {
    if (value == null) {
      insert.setNull(index, Types.NULL);
    } else if (value instanceof UUID uuid && engine != Engine.H2) {
      insert.setString(index, uuid.toString());
    } else if (value instanceof OffsetDateTime time && engine == Engine.MARIADB) {
      insert.setString(index, MARIADB_TIMESTAMP.format(time.withOffsetSameInstant(ZoneOffset.UTC)));
    } else if (value instanceof Float f && engine == Engine.MARIADB) {
      // The exact decimal expansion: MariaDB refuses Float.MAX_VALUE's shortest text, 3.4028235E38.
      insert.setString(index, new BigDecimal(f).toString());
    } else if (value instanceof Float f) {
      insert.setFloat(index, f);
    } else {
      insert.setObject(index, value);
    }
  }
}
