package dev.zdm.jdbc.datasource;

import dev.zdm.Phase;
import dev.zdm.jdbc.shadow.ShadowReader;
import dev.zdm.jdbc.shadow.ShadowTap;
import dev.zdm.jdbc.shadow.StatementBinder;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The connection a {@link DualWriteDataSource} hands out. It holds no physical connection until the
 * application runs its first statement; then it asks the {@link Router} which side the transaction
 * belongs to and borrows a connection from that side's pool.
 *
 * <p>Binding happens per transaction: at the first statement of every transaction (every statement
 * in autocommit mode) the cached phase is consulted again, and when the authoritative side changed,
 * the physical connection goes back to its pool and one from the other side is bound. Within a
 * transaction the side never changes. When the fence refuses the first statement of a transaction,
 * the transaction is rolled back, moved and the statement run again; when statements already ran,
 * the application gets a retryable {@link SQLTransientException}.
 *
 * <p>Statements, savepoints and the state set on the connection are recorded so they can be
 * recreated on the other side. Every statement handed out is tracked and closed with the
 * connection; {@code close()} is idempotent. Like the driver connections it wraps, it is meant for
 * one thread at a time.
 */
final class RoutedConnection implements Connection {

  private final Router router;
  private final SessionState session = new SessionState();
  private final List<RoutedStatement> statements = new ArrayList<>();
  private final List<RoutedSavepoint> savepoints = new ArrayList<>();
  // Result sets of the metadata, which belong to no statement.
  private final List<RoutedResultSet> metaDataResults = new ArrayList<>();
  private Connection physical;
  private Phase.Side side;
  private int generation;
  // True once a statement ran in the current transaction: from then on the transaction belongs
  // to its side and a fence refusal can no longer be hidden.
  private boolean statementsRan;
  // True while the current transaction is a read the canary sent to the non-authoritative side.
  private boolean readRouted;
  // True once the transaction ran a statement that is not a plain read: a shadow read of a later
  // read could not see its uncommitted writes on the target. Kept only when shadow reads are on.
  private boolean mayHaveWritten;
  private boolean closed;

  RoutedConnection(Router router) {
    this.router = router;
  }

  // ---- binding -------------------------------------------------------------------------------

  /** The side the connection is bound to, null before its first statement. */
  Phase.Side side() {
    return side;
  }

  int generation() {
    return generation;
  }

  /** The physical connection, bound now to the current side if the proxy has none yet. */
  Connection physical() throws SQLException {
    checkOpen();
    if (physical == null) {
      // Not a statement (metadata, nativeSQL): the authoritative side; see beginStatement.
      bind(router.sideFor(false, router.deadline(), false));
    }
    return physical;
  }

  private boolean readOnly() {
    return session.readOnly != null && session.readOnly;
  }

  /**
   * Called before a statement runs: at a transaction's start, follows the routing (the phase's
   * side, or the read canary's for a read on a connection marked read-only). A transaction the
   * canary bound to the non-authoritative side may only read: anything else there is refused.
   */
  private void beginStatement(String sql) throws SQLException {
    if (!statementsRan) {
      boolean read = readOnly() && PlainRead.is(sql);
      Phase.Side wanted = router.sideFor(read, router.deadline(), false);
      if (physical == null || wanted != side) {
        bind(wanted);
      }
      readRouted = read && !router.isAuthoritative(wanted);
    } else if (readRouted && !PlainRead.is(sql)) {
      throw router.notARead();
    }
  }

  private void bind(Phase.Side wanted) throws SQLException {
    release();
    Connection fresh = router.pool(wanted).getConnection();
    try {
      session.applyTo(fresh);
      for (RoutedSavepoint savepoint : savepoints) {
        savepoint.recreate(fresh);
      }
    } catch (SQLException | RuntimeException e) {
      closeQuietly(fresh, e);
      throw e;
    }
    physical = fresh;
    side = wanted;
    generation++;
  }

  /** Gives the physical connection back to its pool; open statements recreate theirs later. */
  private void release() throws SQLException {
    if (physical == null) {
      return;
    }
    for (RoutedStatement statement : statements) {
      statement.detach();
    }
    closeMetaDataResults();
    Connection old = physical;
    physical = null;
    side = null;
    if (!session.autoCommit) {
      try {
        old.rollback();
      } catch (SQLException e) {
        closeQuietly(old, e);
        throw e;
      }
    }
    old.close();
  }

  private static void closeQuietly(Connection connection, Exception failure) {
    try {
      connection.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Runs one execution of a statement: binds at the start of a transaction, counts and observes it,
   * and handles a fence refusal: re-runs a transaction's first statement on the other side, or
   * fails with a retryable error.
   */
  <R> R execute(RoutedStatement statement, String sql, SqlCall<Statement, R> call, boolean batch)
      throws SQLException {
    checkOpen();
    statement.checkOpen();
    beginStatement(sql);
    noteWrite(sql);
    boolean first = !statementsRan;
    long deadline = 0;
    boolean deadlineSet = false;
    while (true) {
      Phase.Side ranOn = side;
      boolean observed = router.observer != StatementObserver.NONE;
      long start = observed ? router.ticker.read() : 0;
      SQLException failure = null;
      try {
        R result = call.apply(statement.physicalStatement());
        if (!session.autoCommit) {
          statementsRan = true;
        }
        return result;
      } catch (SQLException e) {
        failure = e;
        if (!Router.fenceRefused(e)) {
          if (!session.autoCommit) {
            statementsRan = true;
          }
          throw e;
        }
        router.refused(ranOn);
        String why = whyNotMovable(first, statement, batch);
        if (why != null) {
          if (!session.autoCommit) {
            statementsRan = true;
          }
          throw router.retryable(ranOn, why, e);
        }
        // Nothing of the transaction may survive on the refusing side, whatever happens next.
        rollbackQuietly(e);
        if (!deadlineSet) {
          deadline = router.deadline();
          deadlineSet = true;
        }
        if (router.ticker.read() - deadline >= 0) {
          throw router.retryable(ranOn, "the refusal went on until the cutover wait ran out", e);
        }
        // The fence refuses only writes: they belong on the authoritative side.
        Phase.Side wanted = router.sideFor(false, deadline, true);
        readRouted = false;
        if (wanted == ranOn) {
          // The control table does not show the switch yet; wait for it before trying again.
          router.pause();
        }
        bind(wanted);
        if (wanted != ranOn) {
          router.rerouted(ranOn, wanted);
        }
      } finally {
        router.metrics.statement(ranOn);
        if (observed) {
          router.observe(ranOn, sql, router.ticker.read() - start, failure);
        }
      }
    }
  }

  private void noteWrite(String sql) {
    ShadowReader shadow = router.shadow;
    if (shadow != null && !session.autoCommit && !mayHaveWritten && shadow.mayWrite(sql)) {
      mayHaveWritten = true;
    }
  }

  /**
   * The tap of a shadow read for a query that just ran, or null: only on the source, in phase
   * {@code SHADOW}, for statements that can run again elsewhere; the shadow reader decides the
   * rest.
   */
  ShadowTap shadowTap(RoutedStatement statement, String sql) {
    ShadowReader shadow = router.shadow;
    if (shadow == null || side != Phase.Side.SOURCE) {
      return null;
    }
    StatementBinder binder = statement.shadowBinder();
    if (binder == null || !statement.replayable()) {
      return null;
    }
    try {
      if (router.phases.current().phase() != Phase.SHADOW) {
        return null;
      }
    } catch (SQLException e) {
      return null;
    }
    return shadow.tap(sql, statement instanceof RoutedPreparedStatement, binder, mayHaveWritten);
  }

  private void rollbackQuietly(SQLException failure) {
    if (!session.autoCommit && physical != null) {
      try {
        physical.rollback();
      } catch (SQLException e) {
        failure.addSuppressed(e);
      }
    }
  }

  private String whyNotMovable(boolean first, RoutedStatement statement, boolean batch) {
    if (!first) {
      return "this transaction already ran statements there";
    }
    if (batch && session.autoCommit) {
      return "a batch in autocommit mode commits statement by statement, so part of it may have"
          + " committed (see the cause's update counts)";
    }
    if (!statement.replayable()) {
      return "the statement has a stream, LOB or other connection-bound parameter that cannot be"
          + " set again";
    }
    return null;
  }

  /**
   * The funnel every SQLException from a wrapped object passes through: a fence refusal that
   * surfaces outside an execution (a deferred trigger at commit) becomes the retryable error.
   */
  SQLException failed(SQLException e) {
    if (e instanceof FencedTransactionException || !Router.fenceRefused(e) || side == null) {
      return e;
    }
    router.refused(side);
    return router.retryable(side, "the transaction had already run statements there", e);
  }

  private void endTransaction() {
    statementsRan = false;
    mayHaveWritten = false;
    savepoints.clear();
  }

  void forget(RoutedStatement statement) {
    statements.remove(statement);
  }

  RoutedResultSet track(RoutedResultSet metaDataResult) {
    metaDataResults.add(metaDataResult);
    return metaDataResult;
  }

  void forget(RoutedResultSet metaDataResult) {
    metaDataResults.remove(metaDataResult);
  }

  private void closeMetaDataResults() {
    for (RoutedResultSet resultSet : new ArrayList<>(metaDataResults)) {
      resultSet.closeQuietly();
    }
    metaDataResults.clear();
  }

  private <S extends RoutedStatement> S track(S statement) {
    statements.add(statement);
    return statement;
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLNonTransientConnectionException(
          "migration '" + router.migration + "': this connection is closed", "08003");
    }
  }

  // ---- statements ----------------------------------------------------------------------------

  @Override
  public Statement createStatement() throws SQLException {
    checkOpen();
    return track(new RoutedStatement(this, new StatementRecipe(null, Connection::createStatement)));
  }

  @Override
  public Statement createStatement(int type, int concurrency) throws SQLException {
    checkOpen();
    return track(
        new RoutedStatement(
            this, new StatementRecipe(null, c -> c.createStatement(type, concurrency))));
  }

  @Override
  public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
    checkOpen();
    return track(
        new RoutedStatement(
            this,
            new StatementRecipe(null, c -> c.createStatement(type, concurrency, holdability))));
  }

  private PreparedStatement prepared(String sql, SqlCall<Connection, PreparedStatement> create)
      throws SQLException {
    checkOpen();
    return track(new RoutedPreparedStatement(this, new StatementRecipe(sql, create)));
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return prepared(sql, c -> c.prepareStatement(sql));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency)
      throws SQLException {
    return prepared(sql, c -> c.prepareStatement(sql, type, concurrency));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
      throws SQLException {
    return prepared(sql, c -> c.prepareStatement(sql, type, concurrency, holdability));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    return prepared(sql, c -> c.prepareStatement(sql, autoGeneratedKeys));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    int[] copy = columnIndexes == null ? null : columnIndexes.clone();
    return prepared(sql, c -> c.prepareStatement(sql, copy));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    String[] copy = columnNames == null ? null : columnNames.clone();
    return prepared(sql, c -> c.prepareStatement(sql, copy));
  }

  private CallableStatement callable(String sql, SqlCall<Connection, CallableStatement> create)
      throws SQLException {
    checkOpen();
    return track(new RoutedCallableStatement(this, new StatementRecipe(sql, create)));
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    return callable(sql, c -> c.prepareCall(sql));
  }

  @Override
  public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
    return callable(sql, c -> c.prepareCall(sql, type, concurrency));
  }

  @Override
  public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability)
      throws SQLException {
    return callable(sql, c -> c.prepareCall(sql, type, concurrency, holdability));
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    try {
      return physical().nativeSQL(sql);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  // ---- transactions --------------------------------------------------------------------------

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    if (physical != null) {
      try {
        physical.setAutoCommit(autoCommit);
      } catch (SQLException e) {
        throw failed(e);
      }
    }
    session.autoCommit = autoCommit;
    if (autoCommit) {
      endTransaction();
    }
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    return session.autoCommit;
  }

  @Override
  public void commit() throws SQLException {
    checkOpen();
    try {
      if (physical != null) {
        physical.commit();
      }
    } catch (SQLException e) {
      throw failed(e);
    } finally {
      endTransaction();
    }
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
    try {
      if (physical != null) {
        physical.rollback();
      }
    } catch (SQLException e) {
      throw failed(e);
    } finally {
      endTransaction();
    }
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return savepoint(null);
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    return savepoint(name);
  }

  /** Sets a savepoint, unnamed when {@code name} is null. */
  private Savepoint savepoint(String name) throws SQLException {
    checkOpen();
    beginStatement(null);
    try {
      RoutedSavepoint savepoint = new RoutedSavepoint(name);
      savepoint.recreate(physical);
      if (!statementsRan) {
        // Set before any statement: it must exist again if the transaction moves.
        savepoints.add(savepoint);
      }
      return savepoint;
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    checkOpen();
    try {
      physical().rollback(own(savepoint).delegate());
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    checkOpen();
    RoutedSavepoint own = own(savepoint);
    try {
      physical().releaseSavepoint(own.delegate());
      savepoints.remove(own);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private RoutedSavepoint own(Savepoint savepoint) throws SQLException {
    if (savepoint instanceof RoutedSavepoint routed) {
      return routed;
    }
    throw new SQLException("the savepoint was not set on this connection", "3B001");
  }

  // ---- state replayed on the bound connection ------------------------------------------------

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
    apply(c -> c.setReadOnly(readOnly));
    session.readOnly = readOnly;
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    if (session.readOnly != null) {
      return session.readOnly;
    }
    return physical != null && physical.isReadOnly();
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
    apply(c -> c.setTransactionIsolation(level));
    session.isolation = level;
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    return session.isolation != null
        ? session.isolation
        : query(Connection::getTransactionIsolation);
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    checkOpen();
    apply(c -> c.setCatalog(catalog));
    session.catalog = catalog;
  }

  @Override
  public String getCatalog() throws SQLException {
    checkOpen();
    return session.catalog != null ? session.catalog : query(Connection::getCatalog);
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    checkOpen();
    apply(c -> c.setSchema(schema));
    session.schema = schema;
  }

  @Override
  public String getSchema() throws SQLException {
    checkOpen();
    return session.schema != null ? session.schema : query(Connection::getSchema);
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    checkOpen();
    apply(c -> c.setHoldability(holdability));
    session.holdability = holdability;
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return session.holdability != null ? session.holdability : query(Connection::getHoldability);
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    return query(Connection::getTypeMap);
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    checkOpen();
    apply(c -> c.setTypeMap(map));
    session.typeMap(map);
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    if (closed) {
      throw new SQLClientInfoException("this connection is closed", "08003", 0, Map.of());
    }
    if (physical != null) {
      physical.setClientInfo(name, value);
    }
    session.clientInfo(name, value);
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    if (closed) {
      throw new SQLClientInfoException("this connection is closed", "08003", 0, Map.of());
    }
    if (physical != null) {
      physical.setClientInfo(properties);
    }
    session.clientInfo = new Properties();
    session.clientInfo.putAll(properties);
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    return query(c -> c.getClientInfo(name));
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    return query(Connection::getClientInfo);
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    checkOpen();
    apply(c -> c.setNetworkTimeout(executor, milliseconds));
    session.networkTimeoutExecutor = executor;
    session.networkTimeoutMillis = milliseconds;
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    checkOpen();
    return session.networkTimeoutMillis != null
        ? session.networkTimeoutMillis
        : query(Connection::getNetworkTimeout);
  }

  private void apply(SqlConsumer<Connection> setter) throws SQLException {
    if (physical != null) {
      try {
        setter.accept(physical);
      } catch (SQLException e) {
        throw failed(e);
      }
    }
  }

  private <R> R query(SqlCall<Connection, R> getter) throws SQLException {
    try {
      return getter.apply(physical());
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  // ---- the rest of the contract --------------------------------------------------------------

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return new RoutedMetaData(this, query(Connection::getMetaData));
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return physical == null ? null : query(Connection::getWarnings);
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    apply(Connection::clearWarnings);
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw new SQLException("timeout must be >= 0, was " + timeout);
    }
    return !closed && query(c -> c.isValid(timeout));
  }

  @Override
  public Clob createClob() throws SQLException {
    return query(Connection::createClob);
  }

  @Override
  public Blob createBlob() throws SQLException {
    return query(Connection::createBlob);
  }

  @Override
  public NClob createNClob() throws SQLException {
    return query(Connection::createNClob);
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    return query(Connection::createSQLXML);
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    return query(c -> c.createArrayOf(typeName, elements));
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    return query(c -> c.createStruct(typeName, attributes));
  }

  /** Closes every statement handed out, then gives the physical connection back. Idempotent. */
  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    SQLException failure = null;
    for (RoutedStatement statement : new ArrayList<>(statements)) {
      try {
        statement.close();
      } catch (SQLException e) {
        failure = chain(failure, e);
      }
    }
    statements.clear();
    savepoints.clear();
    closeMetaDataResults();
    Connection old = physical;
    physical = null;
    side = null;
    if (old != null) {
      try {
        old.close();
      } catch (SQLException e) {
        failure = chain(failure, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static SQLException chain(SQLException first, SQLException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    Connection old = physical;
    physical = null;
    if (old != null) {
      old.abort(executor);
    }
  }

  /**
   * Returns this proxy, or the driver's connection (binding to the current side first). A driver
   * connection used directly is outside zdm's routing.
   */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return query(c -> c.unwrap(iface));
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || query(c -> c.isWrapperFor(iface));
  }

  @Override
  public String toString() {
    return "zdm connection of migration '"
        + router.migration
        + "' "
        + (closed
            ? "(closed)"
            : side == null ? "(unbound)" : "(bound to " + Router.side(side) + ")");
  }
}
