package dev.zdm;

import java.util.regex.Pattern;

/**
 * Validates the names that identify migrations. The name is stored in zdm's tables in both
 * databases and tags every metric, so it is short, stable and safe in any engine.
 */
public final class MigrationName {

  /** The longest name zdm accepts. */
  public static final int MAX_LENGTH = 64;

  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_-]*");

  private MigrationName() {}

  /**
   * Checks a migration name and returns it.
   *
   * @param name the name to check
   * @return the same name
   * @throws ZdmException if the name is null, empty, longer than {@value #MAX_LENGTH} characters,
   *     or has characters other than lowercase letters, digits, '_' and '-' (starting with a
   *     letter)
   */
  public static String require(String name) {
    if (name == null || name.isEmpty()) {
      throw new ZdmException(
          "migration name must not be empty; choose a name such as 'orders-to-pg'");
    }
    if (name.length() > MAX_LENGTH || !VALID.matcher(name).matches()) {
      throw new ZdmException(
          "migration name must be 1 to "
              + MAX_LENGTH
              + " lowercase letters, digits, '_' or '-', starting with a letter, was '"
              + name
              + "'");
    }
    return name;
  }
}
