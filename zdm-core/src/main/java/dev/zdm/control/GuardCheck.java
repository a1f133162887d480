package dev.zdm.control;

import java.util.Objects;

/**
 * One guard's reading: what it observed against what advancing requires.
 *
 * @param guard the guard's name, such as {@code backfill-complete}
 * @param passed whether the observed value meets the requirement
 * @param observed what was found, such as {@code 3 of 8 ranges done}
 * @param required what advancing needs, such as {@code all ranges done}
 */
public record GuardCheck(String guard, boolean passed, String observed, String required) {

  /** The guard that every checkpoint range of every migrated table is done. */
  public static final String BACKFILL_COMPLETE = "backfill-complete";

  /** The guard that the newest finished verification is clean and recent. */
  public static final String VERIFICATION_CLEAN = "verification-clean";

  /** The guard that the age of the oldest pending change is under a bound. */
  public static final String RELAY_LAG = "relay-lag";

  /** The guard that no change is parked in dead letters. */
  public static final String NO_DEAD_LETTERS = "no-dead-letters";

  /** Checks that every part is present. */
  public GuardCheck {
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(required, "required");
  }

  /**
   * Describes the reading for messages and logs; never holds row values.
   *
   * @return such as {@code relay-lag: observed 12.5 s, required at most 5 s}
   */
  public String describe() {
    return guard
        + (passed ? " (passed)" : " (REFUSED)")
        + ": observed "
        + observed
        + ", required "
        + required;
  }
}
