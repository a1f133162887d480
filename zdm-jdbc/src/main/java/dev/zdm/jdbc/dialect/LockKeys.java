package dev.zdm.jdbc.dialect;

import java.nio.charset.StandardCharsets;

/** Turns zdm's lock names into the forms engines accept: a 64-bit key, or a short name. */
public final class LockKeys {

  private LockKeys() {}

  /**
   * FNV-1a over the UTF-8 bytes: stable across JVMs and versions, unlike String.hashCode.
   *
   * @param name any text
   * @return its 64-bit hash
   */
  public static long hash64(String name) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hash ^= (b & 0xff);
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /** MariaDB lock names are limited to 64 characters. */
  static String shortName(String name) {
    return name.length() <= 64 ? name : "zdm-" + Long.toHexString(hash64(name));
  }
}
