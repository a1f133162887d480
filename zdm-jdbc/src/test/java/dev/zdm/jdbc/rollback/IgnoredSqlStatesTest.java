package dev.zdm.jdbc.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which failures the policy counts by default: the application's integrity rules and the fence's
 * refusal do not, a sick target's errors do.
 */
class IgnoredSqlStatesTest {

  private final IgnoredSqlStates byDefault =
      new IgnoredSqlStates(RollbackPolicy.DEFAULT_IGNORED_SQL_STATES);

  @Test
  void integrityConstraintViolationsAndTheFenceDoNotCount() {
    for (String state : List.of("23505", "23503", "23502", "23514", "23000", "ZD001")) {
      assertThat(byDefault.test(failure(state))).as(state).isFalse();
    }
  }

  @Test
  void aSickTargetsErrorsCount() {
    for (String state :
        List.of(
            "08006", "08001", "53300", "53100", "57014", "57P01", "58030", "XX001", "XX000",
            "42501", "42P01", "40001", "40P01", "HY000")) {
      assertThat(byDefault.test(failure(state))).as(state).isTrue();
    }
    assertThat(byDefault.test(new SQLException("no state"))).isTrue();
  }

  @Test
  void prefixesAreClassesOrWholeCodesMatchedRegardlessOfCase() {
    IgnoredSqlStates test = new IgnoredSqlStates(List.of("23", "40001", "XX"));
    assertThat(test.test(failure("40001"))).isFalse();
    assertThat(test.test(failure("40P01"))).isTrue();
    assertThat(test.test(failure("xx001"))).isFalse();
    assertThat(test.describe())
        .isEqualTo("every SQLException but the fence's and SQLSTATE 23, 40001, XX*");
  }

  @Test
  void noPrefixesCountEveryFailureButTheFences() {
    IgnoredSqlStates none = new IgnoredSqlStates(List.of());
    assertThat(none.test(failure("23505"))).isTrue();
    assertThat(none.test(failure("ZD001"))).isFalse();
    assertThat(IgnoredSqlStates.isPrefix("")).isFalse();
    assertThat(IgnoredSqlStates.isPrefix("235050")).isFalse();
    assertThat(IgnoredSqlStates.isPrefix("23-")).isFalse();
    assertThat(IgnoredSqlStates.isPrefix(null)).isFalse();
  }

  private static SQLException failure(String state) {
    return new SQLException("failed", state);
  }
}
