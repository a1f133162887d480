package dev.zdm.test;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of harness-created databases: {@code zdm_t_<label>_<base36 epoch seconds>_<6 random base36
 * chars>}, lowercase, at most 63 characters. The embedded creation time lets a later run sweep
 * leftovers of killed runs. Stateless and thread-safe.
 */
final class DatabaseName {
  /** Every harness database name starts with this. */
  static final String PREFIX = "zdm_t_";

  /** PostgreSQL's identifier limit; MariaDB allows 64. */
  static final int MAX_LENGTH = 63;

  private static final int RANDOM_LENGTH = 6;
  private static final Pattern HARNESS_NAME =
      Pattern.compile("zdm_t_[a-z0-9_]+_([0-9a-z]+)_[0-9a-z]{" + RANDOM_LENGTH + "}");

  private DatabaseName() {}

  /**
   * Generates a fresh name.
   *
   * @param label free text naming the purpose; reduced to {@code [a-z0-9_]} and truncated, {@code
   *     db} when nothing is left
   * @param now the creation time embedded in the name
   * @param random the source of the random suffix
   */
  static String generate(String label, Instant now, Random random) {
    String epoch = Long.toString(now.getEpochSecond(), 36);
    StringBuilder suffix = new StringBuilder(RANDOM_LENGTH);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      suffix.append(Character.forDigit(random.nextInt(36), 36));
    }
    int room = MAX_LENGTH - PREFIX.length() - epoch.length() - suffix.length() - 2;
    String cleanLabel = sanitize(label);
    if (cleanLabel.length() > room) {
      cleanLabel = cleanLabel.substring(0, room);
    }
    return PREFIX + cleanLabel + "_" + epoch + "_" + suffix;
  }

  /**
   * Returns when a harness database was created, or empty when {@code name} is not a harness name.
   */
  static Optional<Instant> createdAt(String name) {
    Matcher matcher = HARNESS_NAME.matcher(name);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(matcher.group(1), 36)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String sanitize(String label) {
    String clean =
        label == null ? "" : label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return clean.isEmpty() ? "db" : clean;
  }
}
