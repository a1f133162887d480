package dev.zdm.jdbc.verify;

import dev.zdm.jdbc.rows.ColumnKind;
import dev.zdm.jdbc.rows.ColumnShape;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The canonical form of a target column's values, the same whichever engine a value was read from:
 * integers and decimals as plain decimal text keeping the decimal's scale (the relay keeps it, so
 * {@code 1.50} and {@code 1.5} differ); floats by their shortest exact text; text exactly, code
 * point by code point (NFC and NFD forms differ, as do trailing spaces), except that a fixed-width
 * {@code CHAR} on either side ignores trailing spaces, since such a column pads them; bytes as hex;
 * booleans as {@code true}/{@code false}; dates, times and timestamps as ISO text with six
 * fractional digits; instants as UTC epoch microseconds; UUIDs as lowercase text; JSON through
 * {@link CanonicalJson}. NULL is Java null, distinct from every text. Immutable and thread-safe.
 *
 * <p>Public for the shadow reads ({@code dev.zdm.jdbc.shadow}), which digest result rows the same
 * way; not an API for applications.
 */
public final class CanonicalValues {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  private final ColumnKind[] kinds;
  private final boolean[] padded;

  /**
   * Creates the canonical form of a row of target columns.
   *
   * @param target the target columns, in row order
   * @param sourcePadded per column, whether its source column is a fixed-width CHAR
   */
  public CanonicalValues(ColumnShape[] target, boolean[] sourcePadded) {
    this.kinds = new ColumnKind[target.length];
    this.padded = new boolean[target.length];
    for (int i = 0; i < target.length; i++) {
      kinds[i] = target[i].kind();
      padded[i] = sourcePadded[i] || isPadded(target[i]);
    }
  }

  /**
   * Tells whether a column pads its values with trailing spaces (a fixed-width CHAR).
   *
   * @param column the column
   * @return true for CHAR, CHARACTER and PostgreSQL's bpchar
   */
  public static boolean isPadded(ColumnShape column) {
    String type = column.typeName().toLowerCase(Locale.ROOT);
    return column.kind() == ColumnKind.TEXT
        && (type.equals("bpchar") || type.equals("char") || type.equals("character"));
  }

  int size() {
    return kinds.length;
  }

  /**
   * Returns the canonical text of every value of a row; null stays null.
   *
   * @param row the values, in each column kind's Java type
   * @return the canonical texts
   */
  public String[] of(Object[] row) {
    String[] out = new String[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      out[i] = row[i] == null ? null : value(i, row[i]);
    }
    return out;
  }

  private String value(int i, Object v) {
    return switch (kinds[i]) {
      case INTEGER, DECIMAL -> decimal(v);
      case REAL -> v instanceof Number n ? Float.toString(n.floatValue()) : v.toString();
      case DOUBLE -> v instanceof Number n ? Double.toString(n.doubleValue()) : v.toString();
      case TEXT -> padded[i] ? stripTrailingSpaces(v.toString()) : v.toString();
      case BINARY -> v instanceof byte[] b ? HexFormat.of().formatHex(b) : v.toString();
      case BOOLEAN -> v instanceof Number n ? Boolean.toString(n.intValue() != 0) : v.toString();
      case TIME -> v instanceof LocalTime t ? TIME.format(t) : v.toString();
      case TIMESTAMP -> v instanceof LocalDateTime t ? TIMESTAMP.format(t) : v.toString();
      case TIMESTAMP_TZ -> v instanceof OffsetDateTime t ? micros(t) : v.toString();
      case UUID -> v.toString().toLowerCase(Locale.ROOT);
      case JSON -> CanonicalJson.of(v.toString());
      default -> v.toString();
    };
  }

  private static String decimal(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short) {
      return v.toString();
    }
    BigDecimal d = v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
    return d.toPlainString();
  }

  private static String micros(OffsetDateTime t) {
    java.time.Instant instant = t.toInstant();
    return Long.toString(
        Math.addExact(
            Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000));
  }

  private static String stripTrailingSpaces(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == ' ') {
      end--;
    }
    return text.substring(0, end);
  }

  /**
   * A 64-bit hash of a row's canonical values: FNV-1a over each value's UTF-16 units with a length
   * prefix (so NULL, empty text and neighbouring values cannot run together), finished with a
   * 64-bit mix.
   *
   * @param values canonical texts, as {@link #of(Object[])} returns them
   * @return the hash
   */
  public static long hash(String[] values) {
    long h = 0xcbf29ce484222325L;
    for (String value : values) {
      if (value == null) {
        h = step(h, 0xFFFF);
        h = step(h, 0xFFFE);
        continue;
      }
      int length = value.length();
      h = step(h, length & 0xFFFF);
      h = step(h, length >>> 16);
      for (int i = 0; i < length; i++) {
        h = step(h, value.charAt(i));
      }
    }
    return mix(h);
  }

  private static long step(long h, int unit) {
    h ^= unit & 0xFF;
    h *= 0x100000001b3L;
    h ^= unit >>> 8;
    return h * 0x100000001b3L;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
