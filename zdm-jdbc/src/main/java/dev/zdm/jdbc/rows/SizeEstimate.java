package dev.zdm.jdbc.rows;

/** A row's approximate size on the wire, to keep multi-row statements under packet limits. */
final class SizeEstimate {

  private static final int SCALAR_BYTES = 16;

  private SizeEstimate() {}

  static long of(Object[] values) {
    long bytes = 0;
    for (Object value : values) {
      if (value instanceof byte[] binary) {
        bytes += 2L * binary.length; // text protocols escape binary
      } else if (value instanceof String text) {
        bytes += 3L * text.length(); // UTF-8 needs up to 3 bytes per UTF-16 unit
      } else {
        bytes += SCALAR_BYTES;
      }
    }
    return bytes;
  }
}
