package dev.zdm.jdbc.datasource;

import dev.zdm.Phase;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Several observers as one ({@link StatementObserver#all(List)}): each failure isolated. */
final class StatementObservers implements StatementObserver {

  private static final Logger LOG = LoggerFactory.getLogger(StatementObservers.class);

  private final List<StatementObserver> observers;

  StatementObservers(List<StatementObserver> observers) {
    this.observers = observers;
  }

  @Override
  public void executed(
      String migration, Phase.Side side, String sql, long nanos, SQLException failure) {
    for (StatementObserver observer : observers) {
      try {
        observer.executed(migration, side, sql, nanos, failure);
      } catch (RuntimeException e) {
        LOG.warn("{}: statement observer {} failed; ignored", migration, observer, e);
      }
    }
  }

  @Override
  public String toString() {
    return "StatementObserver.all" + observers;
  }
}
