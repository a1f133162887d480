package dev.zdm.jdbc.rows;

import dev.zdm.ZdmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The codecs where MariaDB and its connector differ from standard JDBC. Temporal values arrive as
 * the server's text ({@link MariaDbRowSql#selectExpression}) and are parsed here: the connector
 * would turn zero dates into NULL, wrap TIME values outside one day (25:00 becomes 01:00) and pass
 * DATETIME text through the JVM's zone; zdm refuses the first two and avoids the third. Stateless
 * and thread-safe.
 */
final class MariaDbCodecs {

  private MariaDbCodecs() {}

  /**
   * FLOAT crosses as DOUBLE both ways. Read as FLOAT, the text protocol rounds to 6 digits; written
   * as Java's shortest float text, Float.MAX_VALUE becomes "3.4028235E38", which the server parses
   * as a double above FLT_MAX and refuses. The float's exact double value has neither problem.
   */
  static final ColumnCodec REAL =
      new ColumnCodec() {
        @Override
        public Object read(ResultSet row, int index) throws SQLException {
          double value = row.getDouble(index);
          return row.wasNull() ? null : (float) value;
        }

        @Override
        public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
          if (value == null) {
            statement.setNull(index, Types.REAL);
          } else {
            statement.setDouble(index, (Float) value);
          }
        }
      };

  static final ColumnCodec UUID_TEXT =
      new ColumnCodec() {
        @Override
        public Object read(ResultSet row, int index) throws SQLException {
          String text = row.getString(index);
          return text == null ? null : UUID.fromString(text);
        }

        @Override
        public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
          if (value == null) {
            statement.setNull(index, Types.VARCHAR);
          } else {
            statement.setString(index, value.toString());
          }
        }
      };

  /** A TINYINT(1) can hold -128..127; only 0 and 1 are booleans, anything else would be lost. */
  static ColumnCodec bool(String table, String column) {
    ColumnCodec standard = JdbcCodecs.of(ColumnKind.BOOLEAN);
    return new ColumnCodec() {
      @Override
      public Object read(ResultSet row, int index) throws SQLException {
        long value = row.getLong(index);
        if (row.wasNull()) {
          return null;
        }
        if (value != 0 && value != 1) {
          throw refused(
              table,
              column,
              "is BOOLEAN (TINYINT(1)) but holds a value other than 0 and 1, which a boolean"
                  + " cannot carry; change the column to TINYINT or fix the values");
        }
        return value == 1;
      }

      @Override
      public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        standard.bind(statement, index, value);
      }
    };
  }

  /**
   * DATE, TIME, DATETIME and TIMESTAMP, read as text. TIMESTAMP is an instant: statements run with
   * time_zone '+00:00', so its text is the UTC wall time.
   */
  static ColumnCodec temporal(String table, String column, ColumnKind kind) {
    return new ColumnCodec() {
      @Override
      public Object read(ResultSet row, int index) throws SQLException {
        String text = row.getString(index);
        if (text == null) {
          return null;
        }
        try {
          return switch (kind) {
            case DATE -> LocalDate.parse(text);
            case TIME -> timeOfDay(text);
            case TIMESTAMP -> dateTime(text);
            default -> dateTime(text).atOffset(ZoneOffset.UTC);
          };
        } catch (DateTimeException e) {
          throw refused(
              table,
              column,
              "holds a date MariaDB allows but no calendar has (a zero date, or a zero month or"
                  + " day, allowed when sql_mode lacks NO_ZERO_DATE or NO_ZERO_IN_DATE), which zdm"
                  + " will not turn into NULL or guess; set those values to NULL or a real date on"
                  + " the source");
        } catch (IllegalArgumentException e) {
          throw refused(
              table,
              column,
              "holds a TIME outside 00:00:00-23:59:59.999999 (MariaDB TIME is a duration of up to"
                  + " 838 hours either way), which a time of day cannot carry; change the values, or"
                  + " drop the column and compute the target column");
        }
      }

      @Override
      public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
          statement.setNull(index, Types.VARCHAR);
        } else if (value instanceof OffsetDateTime instant) {
          statement.setObject(
              index, instant.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        } else {
          statement.setObject(index, value);
        }
      }
    };
  }

  private static LocalDateTime dateTime(String text) {
    return LocalDateTime.parse(text.replace(' ', 'T'));
  }

  private static LocalTime timeOfDay(String text) {
    int colon = text.indexOf(':');
    if (text.startsWith("-") || colon != 2 || text.charAt(0) > '2' || text.compareTo("24") >= 0) {
      throw new IllegalArgumentException("not a time of day");
    }
    return LocalTime.parse(text);
  }

  private static ZdmException refused(String table, String column, String problem) {
    return new ZdmException("table " + table + " column '" + column + "' " + problem);
  }
}
