package dev.zdm.jdbc.datasource;

import dev.zdm.jdbc.shadow.ShadowTap;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set handed out by a routed statement (or by the connection's metadata, with no
 * statement). {@link #getStatement()} returns the proxy that produced it, never the driver's
 * statement; it is closed with that statement. Not thread-safe.
 */
final class RoutedResultSet extends ResultSetDelegate {

  private final RoutedConnection connection;
  private final RoutedStatement statement;
  private final ResultSet delegate;
  private ResultSet driver;
  private boolean closed;
  // Digests the rows for a shadow read as the application reads them; null when not shadowed.
  private ShadowTap shadowTap;

  RoutedResultSet(RoutedConnection connection, RoutedStatement statement, ResultSet delegate) {
    this.connection = connection;
    this.statement = statement;
    this.delegate = delegate;
  }

  /** Whether this wraps {@code resultSet}, directly or through the pool's wrapper. */
  boolean wraps(ResultSet resultSet) {
    if (delegate == resultSet) {
      return true;
    }
    if (driver == null) {
      try {
        driver = delegate.unwrap(ResultSet.class);
      } catch (SQLException e) {
        driver = delegate;
      }
    }
    return driver == resultSet;
  }

  void shadow(ShadowTap tap) {
    this.shadowTap = tap;
  }

  @Override
  public boolean next() throws SQLException {
    boolean more;
    try {
      more = super.next();
    } catch (SQLException | RuntimeException e) {
      if (shadowTap != null) {
        shadowTap.readFailed();
      }
      throw e;
    }
    if (shadowTap != null) {
      if (more) {
        shadowTap.row(delegate);
      } else {
        shadowTap.end(delegate);
      }
    }
    return more;
  }

  @Override
  ResultSet delegate() throws SQLException {
    if (closed) {
      throw new SQLException("this result set is closed");
    }
    return delegate;
  }

  @Override
  SQLException failed(SQLException e) {
    return connection.failed(e);
  }

  @Override
  public Statement getStatement() throws SQLException {
    delegate();
    return statement;
  }

  /** Closes the driver's result set. Idempotent. */
  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    finishShadow();
    if (statement != null) {
      statement.forget(this);
    } else {
      connection.forget(this);
    }
    try {
      delegate.close();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  void closeQuietly() {
    if (!closed) {
      closed = true;
      finishShadow();
      try {
        delegate.close();
      } catch (SQLException ignored) {
        // Closed with its statement, which the driver closes as well.
      }
    }
  }

  /**
   * Lets the shadow tap finish before the driver's result set closes: it may read the rows the
   * application left (see {@link ShadowTap#close(ResultSet)}); it never throws.
   */
  private void finishShadow() {
    if (shadowTap != null) {
      shadowTap.close(delegate);
      shadowTap = null;
    }
  }

  @Override
  public boolean isClosed() throws SQLException {
    return closed || delegate.isClosed();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return delegate().unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate().isWrapperFor(iface);
  }
}
