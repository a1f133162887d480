package dev.zdm.jdbc.rows;

import java.util.List;

/**
 * Splits keys into statements of at most {@value #MAX_KEYS} and writes their {@code IN} lists. A
 * statement's key count is rounded up to one of a few sizes, repeating the last key, so that an
 * engine sees at most eleven statement texts per table and its statement caches stay warm.
 */
final class KeyChunks {

  /** The most keys one statement carries. */
  static final int MAX_KEYS = 1000;

  private static final int[] SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, MAX_KEYS};

  private KeyChunks() {}

  /** The number of size classes, for caches indexed by {@link #sizeClass(int)}. */
  static int sizeClasses() {
    return SIZES.length;
  }

  /** The index of the smallest size that holds {@code keys}, at most {@value #MAX_KEYS}. */
  static int sizeClass(int keys) {
    for (int i = 0; i < SIZES.length; i++) {
      if (SIZES[i] >= keys) {
        return i;
      }
    }
    throw new IllegalArgumentException("at most " + MAX_KEYS + " keys per statement, got " + keys);
  }

  static int size(int sizeClass) {
    return SIZES[sizeClass];
  }

  /**
   * Writes {@code k IN (?, ?)} for one key column or {@code (a, b) IN ((?, ?), (?, ?))} for more.
   *
   * @param quotedKey the quoted key columns
   * @param placeholders their parameter markers
   * @param keys how many keys
   */
  static String inList(List<String> quotedKey, List<String> placeholders, int keys) {
    boolean single = quotedKey.size() == 1;
    String tuple = single ? placeholders.get(0) : "(" + String.join(", ", placeholders) + ")";
    StringBuilder sql = new StringBuilder();
    sql.append(single ? quotedKey.get(0) : "(" + String.join(", ", quotedKey) + ")");
    sql.append(" IN (");
    for (int i = 0; i < keys; i++) {
      if (i > 0) {
        sql.append(", ");
      }
      sql.append(tuple);
    }
    return sql.append(')').toString();
  }
}
