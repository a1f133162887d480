package dev.zdm.jdbc.rows;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The codecs of standard JDBC 4.2, one per {@link ColumnKind}, which every {@link RowSql} starts
 * from and overrides where its driver needs something else. Primitive getters are followed by
 * {@code wasNull()} so that no value is boxed through {@code getObject}'s driver-specific types.
 * Stateless and thread-safe.
 */
public final class JdbcCodecs {

  private JdbcCodecs() {}

  /**
   * Returns the standard codec for a kind.
   *
   * @param kind a supported kind
   * @return the codec
   * @throws IllegalArgumentException for {@link ColumnKind#UNSUPPORTED}
   */
  public static ColumnCodec of(ColumnKind kind) {
    return switch (kind) {
      case INTEGER -> INTEGER;
      case DECIMAL -> DECIMAL;
      case REAL -> REAL;
      case DOUBLE -> DOUBLE;
      case TEXT, JSON -> TEXT;
      case BINARY -> BINARY;
      case BOOLEAN -> BOOLEAN;
      case DATE -> object(LocalDate.class, Types.DATE);
      case TIME -> object(LocalTime.class, Types.TIME);
      case TIMESTAMP -> object(LocalDateTime.class, Types.TIMESTAMP);
      case TIMESTAMP_TZ -> object(OffsetDateTime.class, Types.TIMESTAMP_WITH_TIMEZONE);
      case UUID -> object(UUID.class, Types.OTHER);
      case UNSUPPORTED -> throw new IllegalArgumentException("no codec for unsupported columns");
    };
  }

  /**
   * Returns a codec that reads with {@code getObject(index, type)} and binds with {@code
   * setObject}.
   *
   * @param type the Java type to read
   * @param sqlType the {@link Types} constant for NULL
   * @return the codec
   */
  public static ColumnCodec object(Class<?> type, int sqlType) {
    return new ColumnCodec() {
      @Override
      public Object read(ResultSet row, int index) throws SQLException {
        return row.getObject(index, type);
      }

      @Override
      public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
          statement.setNull(index, sqlType);
        } else {
          statement.setObject(index, value);
        }
      }
    };
  }

  private static final ColumnCodec INTEGER =
      new ColumnCodec() {
        @Override
        public Object read(ResultSet row, int index) throws SQLException {
          long value = row.getLong(index);
          return row.wasNull() ? null : value;
        }

        @Override
        public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
          if (value == null) {
            statement.setNull(index, Types.BIGINT);
          } else {
            statement.setLong(index, (Long) value);
          }
        }
      };

  private static final ColumnCodec DECIMAL =
      new ColumnCodec() {
        @Override
        public Object read(ResultSet row, int index) throws SQLException {
          return row.getBigDecimal(index);
        }

        @Override
        public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
          if (value == null) {
            statement.setNull(index, Types.NUMERIC);
          } else {
            statement.setBigDecimal(index, (java.math.BigDecimal) value);
          }
        }
      };

  private static final ColumnCodec REAL =
      new ColumnCodec() {
        @Override
        public Object read(ResultSet row, int index) throws SQLException {
          float value = row.getFloat(index);
          return row.wasNull() ? null : value;
        }

        @Override
        public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
          if (value == null) {
            statement.setNull(index, Types.REAL);
          } else {
            statement.setFloat(index, (Float) value);
          }
        }
      };

  private static final ColumnCodec DOUBLE =
      new ColumnCodec() {
        @Override
        public Object read(ResultSet row, int index) throws SQLException {
          double value = row.getDouble(index);
          return row.wasNull() ? null : value;
        }

        @Override
        public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
          if (value == null) {
            statement.setNull(index, Types.DOUBLE);
          } else {
            statement.setDouble(index, (Double) value);
          }
        }
      };

  private static final ColumnCodec TEXT =
      new ColumnCodec() {
        @Override
        public Object read(ResultSet row, int index) throws SQLException {
          return row.getString(index);
        }

        @Override
        public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
          if (value == null) {
            statement.setNull(index, Types.VARCHAR);
          } else {
            statement.setString(index, (String) value);
          }
        }
      };

  private static final ColumnCodec BINARY =
      new ColumnCodec() {
        @Override
        public Object read(ResultSet row, int index) throws SQLException {
          return row.getBytes(index);
        }

        @Override
        public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
          if (value == null) {
            statement.setNull(index, Types.VARBINARY);
          } else {
            statement.setBytes(index, (byte[]) value);
          }
        }
      };

  private static final ColumnCodec BOOLEAN =
      new ColumnCodec() {
        @Override
        public Object read(ResultSet row, int index) throws SQLException {
          boolean value = row.getBoolean(index);
          return row.wasNull() ? null : value;
        }

        @Override
        public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
          if (value == null) {
            statement.setNull(index, Types.BOOLEAN);
          } else {
            statement.setBoolean(index, (Boolean) value);
          }
        }
      };
}
