package dev.zdm.jdbc.capture;

import java.nio.charset.StandardCharsets;

/** Fits capture object names into an engine's identifier limit, keeping them unique. */
final class CaptureNames {

  private CaptureNames() {}

  /**
   * Returns the name unchanged when it fits, else a prefix of it followed by {@code _} and eight
   * hex digits of a hash of the whole name. Lengths are counted in UTF-8 bytes, which PostgreSQL
   * limits and which never undercounts the characters MariaDB and H2 limit.
   */
  static String fit(String name, int maxBytes) {
    if (utf8Length(name) <= maxBytes) {
      return name;
    }
    String suffix = String.format("_%08x", fnv1a32(name));
    int budget = maxBytes - suffix.length();
    StringBuilder kept = new StringBuilder();
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      String next = new String(Character.toChars(cp));
      if (utf8Length(kept.toString()) + utf8Length(next) > budget) {
        break;
      }
      kept.append(next);
      i += Character.charCount(cp);
    }
    return kept + suffix;
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** FNV-1a: stable across JVMs and releases, unlike String.hashCode's contract. */
  private static int fnv1a32(String s) {
    int hash = 0x811c9dc5;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      hash ^= (b & 0xff);
      hash *= 0x01000193;
    }
    return hash;
  }
}
