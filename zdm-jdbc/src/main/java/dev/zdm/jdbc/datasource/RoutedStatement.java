package dev.zdm.jdbc.datasource;

import dev.zdm.jdbc.shadow.StatementBinder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A statement of a routed connection. Its driver statement is created at its first execution, on
 * the side the connection bound to, and created again from its recipe when the connection moves:
 * the settings (fetch size, timeouts, ...) and batched SQL the application gave are recorded and
 * replayed. Result sets it hands out are tracked and closed with it. Not thread-safe, except {@link
 * #cancel()}.
 */
class RoutedStatement implements Statement {

  final RoutedConnection connection;
  final StatementRecipe recipe;
  private final Map<String, SqlConsumer<Statement>> settings = new LinkedHashMap<>();
  private final List<String> batch = new ArrayList<>();
  private final List<RoutedResultSet> resultSets = new ArrayList<>();
  private volatile Statement physical;
  private boolean closed;

  RoutedStatement(RoutedConnection connection, StatementRecipe recipe) {
    this.connection = connection;
    this.recipe = recipe;
  }

  // ---- the driver statement ------------------------------------------------------------------

  /** The driver statement on the bound connection, created (and replayed) when missing. */
  Statement physicalStatement() throws SQLException {
    Statement current = physical;
    if (current == null) {
      current = recipe.create().apply(connection.physical());
      try {
        replay(current);
      } catch (SQLException | RuntimeException e) {
        try {
          current.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      physical = current;
    }
    return current;
  }

  /** Sets everything recorded on a new driver statement. */
  void replay(Statement created) throws SQLException {
    for (SqlConsumer<Statement> setting : settings.values()) {
      setting.accept(created);
    }
    for (String sql : batch) {
      created.addBatch(sql);
    }
  }

  /** Whether the statement can be created again on the other side with the same effect. */
  boolean replayable() {
    return true;
  }

  /** Drops the driver statement because the connection gives its physical connection back. */
  void detach() {
    closeResultSets();
    Statement old = physical;
    physical = null;
    if (old != null) {
      try {
        old.close();
      } catch (SQLException ignored) {
        // The physical connection goes back to its pool, which closes what is left.
      }
    }
  }

  void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("this statement is closed");
    }
  }

  SQLException failed(SQLException e) {
    return connection.failed(e);
  }

  <R> R run(String sql, SqlCall<Statement, R> call, boolean isBatch) throws SQLException {
    try {
      return connection.execute(this, sql, call, isBatch);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  ResultSet query(String sql, SqlCall<Statement, ResultSet> call) throws SQLException {
    closeResultSets();
    RoutedResultSet resultSet = wrap(run(sql, call, false));
    if (resultSet != null) {
      resultSet.shadow(connection.shadowTap(this, sql));
    }
    return resultSet;
  }

  /**
   * What a shadow read sets on the target's statement: max rows, for a plain statement; null when
   * the statement is never shadowed.
   */
  StatementBinder shadowBinder() {
    SqlConsumer<Statement> maxRows = settings.get("maxRows");
    return maxRows == null ? StatementBinder.NONE : maxRows::accept;
  }

  <R> R update(String sql, SqlCall<Statement, R> call) throws SQLException {
    closeResultSets();
    return run(sql, call, false);
  }

  <R> R get(SqlCall<Statement, R> getter) throws SQLException {
    checkOpen();
    try {
      return getter.apply(physicalStatement());
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  void setting(String key, SqlConsumer<Statement> setter) throws SQLException {
    checkOpen();
    settings.put(key, setter);
    onDriverStatement(setter);
  }

  /** Does {@code action} on the driver statement now if it exists; it is replayed otherwise. */
  void onDriverStatement(SqlConsumer<Statement> action) throws SQLException {
    Statement current = physical;
    if (current != null) {
      try {
        action.accept(current);
      } catch (SQLException e) {
        throw failed(e);
      }
    }
  }

  RoutedResultSet wrap(ResultSet resultSet) {
    if (resultSet == null) {
      return null;
    }
    if (!resultSets.isEmpty()) {
      // A pool may hand out a new wrapper of the same driver result set; compare the driver's.
      ResultSet driver = driverOf(resultSet);
      for (RoutedResultSet open : resultSets) {
        if (open.wraps(resultSet) || open.wraps(driver)) {
          return open;
        }
      }
    }
    RoutedResultSet wrapped = new RoutedResultSet(connection, this, resultSet);
    resultSets.add(wrapped);
    return wrapped;
  }

  private static ResultSet driverOf(ResultSet resultSet) {
    try {
      return resultSet.unwrap(ResultSet.class);
    } catch (SQLException e) {
      return resultSet;
    }
  }

  void forget(RoutedResultSet resultSet) {
    resultSets.remove(resultSet);
  }

  private void closeResultSets() {
    for (RoutedResultSet resultSet : new ArrayList<>(resultSets)) {
      resultSet.closeQuietly();
    }
    resultSets.clear();
  }

  // ---- executions ----------------------------------------------------------------------------

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    return query(sql, s -> s.executeQuery(sql));
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    return update(sql, s -> s.executeUpdate(sql));
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    return update(sql, s -> s.executeUpdate(sql, autoGeneratedKeys));
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    return update(sql, s -> s.executeUpdate(sql, columnIndexes));
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    return update(sql, s -> s.executeUpdate(sql, columnNames));
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    return update(sql, s -> s.executeLargeUpdate(sql));
  }

  @Override
  public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    return update(sql, s -> s.executeLargeUpdate(sql, autoGeneratedKeys));
  }

  @Override
  public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
    return update(sql, s -> s.executeLargeUpdate(sql, columnIndexes));
  }

  @Override
  public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
    return update(sql, s -> s.executeLargeUpdate(sql, columnNames));
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    return update(sql, s -> s.execute(sql));
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    return update(sql, s -> s.execute(sql, autoGeneratedKeys));
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    return update(sql, s -> s.execute(sql, columnIndexes));
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    return update(sql, s -> s.execute(sql, columnNames));
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    checkOpen();
    onDriverStatement(s -> s.addBatch(sql));
    batch.add(sql);
  }

  @Override
  public void clearBatch() throws SQLException {
    checkOpen();
    batch.clear();
    onDriverStatement(Statement::clearBatch);
  }

  /** Forgets the recorded batch once it ran: the driver clears its own as well. */
  void batchRan() {
    batch.clear();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    closeResultSets();
    try {
      return run(recipe.sql(), Statement::executeBatch, true);
    } finally {
      batchRan();
    }
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    closeResultSets();
    try {
      return run(recipe.sql(), Statement::executeLargeBatch, true);
    } finally {
      batchRan();
    }
  }

  // ---- results -------------------------------------------------------------------------------

  @Override
  public ResultSet getResultSet() throws SQLException {
    return wrap(get(Statement::getResultSet));
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return get(Statement::getUpdateCount);
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    return get(Statement::getLargeUpdateCount);
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return get(Statement::getMoreResults);
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    return get(s -> s.getMoreResults(current));
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    return wrap(get(Statement::getGeneratedKeys));
  }

  // ---- settings, replayed on a new driver statement ------------------------------------------

  @Override
  public int getMaxFieldSize() throws SQLException {
    return get(Statement::getMaxFieldSize);
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    setting("maxFieldSize", s -> s.setMaxFieldSize(max));
  }

  @Override
  public int getMaxRows() throws SQLException {
    return get(Statement::getMaxRows);
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    setting("maxRows", s -> s.setMaxRows(max));
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    return get(Statement::getLargeMaxRows);
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    setting("maxRows", s -> s.setLargeMaxRows(max));
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    setting("escapeProcessing", s -> s.setEscapeProcessing(enable));
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    return get(Statement::getQueryTimeout);
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    setting("queryTimeout", s -> s.setQueryTimeout(seconds));
  }

  @Override
  public void setCursorName(String name) throws SQLException {
    setting("cursorName", s -> s.setCursorName(name));
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    setting("fetchDirection", s -> s.setFetchDirection(direction));
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return get(Statement::getFetchDirection);
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    setting("fetchSize", s -> s.setFetchSize(rows));
  }

  @Override
  public int getFetchSize() throws SQLException {
    return get(Statement::getFetchSize);
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    setting("poolable", s -> s.setPoolable(poolable));
  }

  @Override
  public boolean isPoolable() throws SQLException {
    return get(Statement::isPoolable);
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    setting("closeOnCompletion", Statement::closeOnCompletion);
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    return get(Statement::isCloseOnCompletion);
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    return get(Statement::getResultSetConcurrency);
  }

  @Override
  public int getResultSetType() throws SQLException {
    return get(Statement::getResultSetType);
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return get(Statement::getResultSetHoldability);
  }

  // ---- the rest of the contract --------------------------------------------------------------

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    Statement current = physical;
    return current == null ? null : get(Statement::getWarnings);
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    Statement current = physical;
    if (current != null) {
      get(
          s -> {
            s.clearWarnings();
            return null;
          });
    }
  }

  @Override
  public void cancel() throws SQLException {
    Statement current = physical;
    if (current != null) {
      try {
        current.cancel();
      } catch (SQLException e) {
        throw failed(e);
      }
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    checkOpen();
    return connection;
  }

  /** Closes the result sets handed out and the driver statement. Idempotent. */
  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    closeResultSets();
    connection.forget(this);
    Statement old = physical;
    physical = null;
    if (old != null) {
      try {
        old.close();
      } catch (SQLException e) {
        throw failed(e);
      }
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return get(s -> s.unwrap(iface));
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || get(s -> s.isWrapperFor(iface));
  }
}
