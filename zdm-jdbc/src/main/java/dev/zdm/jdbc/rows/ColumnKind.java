package dev.zdm.jdbc.rows;

/**
 * The kinds of values zdm carries between engines, each with the one Java type rows hold it as. A
 * dialect's {@link RowSql} decides the kind of each column from the catalog; columns of kind {@link
 * #UNSUPPORTED} must be dropped from a mapping.
 */
public enum ColumnKind {
  /** smallint, int, bigint (and MariaDB tinyint/mediumint, unsigned up to int): {@link Long}. */
  INTEGER,
  /** numeric/decimal with its scale (and MariaDB bigint unsigned): {@link java.math.BigDecimal}. */
  DECIMAL,
  /** 4-byte floating point (real, MariaDB float): {@link Float}. */
  REAL,
  /** 8-byte floating point (double precision): {@link Double}. */
  DOUBLE,
  /** char, varchar, text, clob (and MariaDB enum/set, whose values are text): {@link String}. */
  TEXT,
  /** bytea, binary, varbinary, blob: {@code byte[]}. */
  BINARY,
  /** boolean (MariaDB BOOLEAN, that is TINYINT(1), holding 0 or 1): {@link Boolean}. */
  BOOLEAN,
  /** date: {@link java.time.LocalDate}. */
  DATE,
  /** time of day without zone: {@link java.time.LocalTime}. */
  TIME,
  /** timestamp without zone (MariaDB DATETIME): {@link java.time.LocalDateTime}. */
  TIMESTAMP,
  /**
   * An instant (PostgreSQL timestamptz, MariaDB TIMESTAMP, H2 timestamp with time zone): {@link
   * java.time.OffsetDateTime}; in UTC except from H2, which keeps the offset it stored.
   */
  TIMESTAMP_TZ,
  /** uuid (MariaDB UUID): {@link java.util.UUID}. */
  UUID,
  /** json and jsonb (MariaDB JSON is LONGTEXT, so {@link #TEXT}): the JSON text, {@link String}. */
  JSON,
  /** A type zdm cannot carry exactly, such as arrays, ranges, geometry or intervals. */
  UNSUPPORTED
}
