package dev.zdm.jdbc.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A savepoint of a routed connection. One set before the transaction's first statement is set again
 * on the other side when the transaction moves, so the application's handle stays valid.
 */
final class RoutedSavepoint implements Savepoint {

  private final String name;
  private Savepoint delegate;

  RoutedSavepoint(String name) {
    this.name = name;
  }

  void recreate(Connection physical) throws SQLException {
    delegate = name == null ? physical.setSavepoint() : physical.setSavepoint(name);
  }

  Savepoint delegate() {
    return delegate;
  }

  @Override
  public int getSavepointId() throws SQLException {
    return delegate.getSavepointId();
  }

  @Override
  public String getSavepointName() throws SQLException {
    return delegate.getSavepointName();
  }
}
