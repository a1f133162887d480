package dev.zdm.jdbc.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.zdm.Phase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Combining statement observers: order, isolation of a failing one, trivial cases. */
class StatementObserverTest {

  @Test
  void everyObserverSeesTheStatementInOrderEvenAfterOneThrows() {
    List<String> seen = new ArrayList<>();
    StatementObserver first = recording(seen, "first");
    StatementObserver failing =
        new StatementObserver() {
          @Override
          public void executed(
              String migration, Phase.Side side, String sql, long nanos, SQLException failure) {
            seen.add("failing");
            throw new IllegalStateException("observer bug");
          }
        };
    StatementObserver last = recording(seen, "last");

    StatementObserver.all(first, failing, last)
        .executed("m", Phase.Side.TARGET, "SELECT 1", 5, null);

    assertThat(seen).containsExactly("first TARGET SELECT 1", "failing", "last TARGET SELECT 1");
  }

  @Test
  void noneIsNoneAndOneIsItself() {
    StatementObserver only = recording(new ArrayList<>(), "only");
    assertThat(StatementObserver.all()).isSameAs(StatementObserver.NONE);
    assertThat(StatementObserver.all(only)).isSameAs(only);
  }

  @Test
  void aNullObserverIsRefused() {
    List<StatementObserver> observers = new ArrayList<>();
    observers.add(null);
    assertThatNullPointerException().isThrownBy(() -> StatementObserver.all(observers));
  }

  private static StatementObserver recording(List<String> seen, String name) {
    return new StatementObserver() {
      @Override
      public void executed(
          String migration, Phase.Side side, String sql, long nanos, SQLException failure) {
        seen.add(name + " " + side + " " + sql);
      }
    };
  }
}
