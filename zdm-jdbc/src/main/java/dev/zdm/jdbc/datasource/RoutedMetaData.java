package dev.zdm.jdbc.datasource;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The metadata of the database a routed connection is bound to; {@link #getConnection()} returns
 * the proxy and the result sets are wrapped.
 */
final class RoutedMetaData extends MetaDataDelegate {

  private final RoutedConnection connection;
  private final DatabaseMetaData delegate;

  RoutedMetaData(RoutedConnection connection, DatabaseMetaData delegate) {
    this.connection = connection;
    this.delegate = delegate;
  }

  @Override
  DatabaseMetaData delegate() {
    return delegate;
  }

  @Override
  SQLException failed(SQLException e) {
    return connection.failed(e);
  }

  @Override
  ResultSet wrap(ResultSet resultSet) {
    return resultSet == null ? null : new RoutedResultSet(connection, null, resultSet);
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }
}
