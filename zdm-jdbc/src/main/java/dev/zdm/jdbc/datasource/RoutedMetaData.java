package dev.zdm.jdbc.datasource;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The metadata of the database a routed connection is bound to; {@link #getConnection()} returns
 * the proxy and the result sets are wrapped and closed with the connection. After the connection
 * moved to the other side, the metadata is that of the new side: the old physical connection went
 * back to its pool and is never used again through this object.
 */
final class RoutedMetaData extends MetaDataDelegate {

  private final RoutedConnection connection;
  private DatabaseMetaData delegate;
  private int generation;

  RoutedMetaData(RoutedConnection connection, DatabaseMetaData delegate) {
    this.connection = connection;
    this.delegate = delegate;
    this.generation = connection.generation();
  }

  @Override
  DatabaseMetaData delegate() throws SQLException {
    if (generation != connection.generation() || connection.side() == null) {
      delegate = connection.physical().getMetaData();
      generation = connection.generation();
    }
    return delegate;
  }

  @Override
  DatabaseMetaData lastDelegate() {
    return delegate;
  }

  @Override
  SQLException failed(SQLException e) {
    return connection.failed(e);
  }

  @Override
  ResultSet wrap(ResultSet resultSet) {
    return resultSet == null
        ? null
        : connection.track(new RoutedResultSet(connection, null, resultSet));
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
    return delegate().unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate().isWrapperFor(iface);
  }
}
