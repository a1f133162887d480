package dev.zdm.jdbc.rollback;

import dev.zdm.control.Fence;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The rollback policy's default error test: every failure counts but the fence's refusal (a switch
 * in progress, not a sick target) and those whose SQLSTATE starts with an ignored prefix (by
 * default class {@code 23}, the application's own integrity rules). A failure without a SQLSTATE
 * counts. Immutable; runs on the application's thread, so it only compares a few characters.
 */
record IgnoredSqlStates(List<String> prefixes) implements Predicate<SQLException> {

  private static final Pattern PREFIX = Pattern.compile("[0-9A-Za-z]{1,5}");

  IgnoredSqlStates {
    prefixes = List.copyOf(prefixes);
  }

  /** Whether {@code prefix} can start a SQLSTATE: 1 to 5 letters or digits. */
  static boolean isPrefix(String prefix) {
    return prefix != null && PREFIX.matcher(prefix).matches();
  }

  @Override
  public boolean test(SQLException failure) {
    String state = failure.getSQLState();
    if (Fence.refused(state)) {
      return false;
    }
    if (state == null) {
      return true;
    }
    for (String prefix : prefixes) {
      if (state.regionMatches(true, 0, prefix, 0, prefix.length())) {
        return false;
      }
    }
    return true;
  }

  /** The test as the operator view states it. */
  String describe() {
    return prefixes.isEmpty()
        ? "every SQLException but the fence's"
        : "every SQLException but the fence's and SQLSTATE " + String.join(", ", prefixes) + "*";
  }
}
