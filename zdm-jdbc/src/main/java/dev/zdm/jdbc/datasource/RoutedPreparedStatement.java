package dev.zdm.jdbc.datasource;

import dev.zdm.jdbc.shadow.StatementBinder;
import java.sql.CallableStatement;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A prepared statement of a routed connection. Every parameter set is recorded (and set on the
 * driver statement when one exists), and every batch entry keeps a copy of its parameters, so that
 * a transaction moved to the other side runs the same statement with the same values. A stream, LOB
 * or other connection-bound value cannot be set twice: while one is set, a fence refusal of this
 * statement is reported as retryable instead of re-run.
 */
class RoutedPreparedStatement extends PreparedParameters {

  private final List<SqlConsumer<PreparedStatement>> parameters = new ArrayList<>();
  private final List<List<SqlConsumer<PreparedStatement>>> batches = new ArrayList<>();
  // Callable statements' named parameters and out-parameter registrations, by name or index.
  private final Map<String, SqlConsumer<CallableStatement>> callableSettings =
      new LinkedHashMap<>();
  private boolean unportable;
  private boolean unportableInBatch;

  RoutedPreparedStatement(RoutedConnection connection, StatementRecipe recipe) {
    super(connection, recipe);
  }

  PreparedStatement prepared() throws SQLException {
    return (PreparedStatement) physicalStatement();
  }

  CallableStatement callable() throws SQLException {
    return (CallableStatement) physicalStatement();
  }

  @Override
  void replay(Statement created) throws SQLException {
    super.replay(created);
    PreparedStatement statement = (PreparedStatement) created;
    for (List<SqlConsumer<PreparedStatement>> entry : batches) {
      for (SqlConsumer<PreparedStatement> setter : entry) {
        if (setter != null) {
          setter.accept(statement);
        }
      }
      statement.addBatch();
    }
    if (!batches.isEmpty()) {
      statement.clearParameters();
    }
    for (SqlConsumer<PreparedStatement> setter : parameters) {
      if (setter != null) {
        setter.accept(statement);
      }
    }
    if (!callableSettings.isEmpty()) {
      CallableStatement callable = (CallableStatement) created;
      for (SqlConsumer<CallableStatement> setter : callableSettings.values()) {
        setter.accept(callable);
      }
    }
  }

  @Override
  boolean replayable() {
    return !unportable && !unportableInBatch;
  }

  @Override
  void parameter(int index, SqlConsumer<PreparedStatement> setter) throws SQLException {
    checkOpen();
    if (index < 1) {
      throw new SQLException("parameter index must be >= 1, was " + index, "22023");
    }
    while (parameters.size() <= index) {
      parameters.add(null);
    }
    parameters.set(index, setter);
    onDriverStatement(s -> setter.accept((PreparedStatement) s));
  }

  @Override
  void unportableParameter(int index, SqlConsumer<PreparedStatement> setter) throws SQLException {
    parameter(index, setter);
    unportable = true;
  }

  void namedParameter(String name, SqlConsumer<CallableStatement> setter) throws SQLException {
    callableSetting("set " + name, setter);
  }

  void unportableNamedParameter(String name, SqlConsumer<CallableStatement> setter)
      throws SQLException {
    namedParameter(name, setter);
    unportable = true;
  }

  void namedObjectParameter(String name, Object value, SqlConsumer<CallableStatement> setter)
      throws SQLException {
    if (ParameterValues.portable(value)) {
      namedParameter(name, setter);
    } else {
      unportableNamedParameter(name, setter);
    }
  }

  void outParameter(Object nameOrIndex, SqlConsumer<CallableStatement> registration)
      throws SQLException {
    callableSetting("out " + nameOrIndex, registration);
  }

  private void callableSetting(String key, SqlConsumer<CallableStatement> setter)
      throws SQLException {
    checkOpen();
    callableSettings.put(key, setter);
    onDriverStatement(s -> setter.accept((CallableStatement) s));
  }

  @Override
  public void clearParameters() throws SQLException {
    checkOpen();
    parameters.clear();
    callableSettings.keySet().removeIf(key -> key.startsWith("set "));
    unportable = false;
    onDriverStatement(s -> ((PreparedStatement) s).clearParameters());
  }

  @Override
  public void addBatch() throws SQLException {
    checkOpen();
    onDriverStatement(s -> ((PreparedStatement) s).addBatch());
    batches.add(Collections.unmodifiableList(new ArrayList<>(parameters)));
    unportableInBatch |= unportable;
  }

  @Override
  public void clearBatch() throws SQLException {
    super.clearBatch();
    batches.clear();
    unportableInBatch = false;
  }

  @Override
  void batchRan() {
    super.batchRan();
    batches.clear();
    unportableInBatch = false;
  }

  @Override
  StatementBinder shadowBinder() {
    StatementBinder settings = super.shadowBinder();
    List<SqlConsumer<PreparedStatement>> values = new ArrayList<>(parameters);
    return statement -> {
      settings.bind(statement);
      for (SqlConsumer<PreparedStatement> setter : values) {
        if (setter != null) {
          setter.accept((PreparedStatement) statement);
        }
      }
    };
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return query(recipe.sql(), s -> ((PreparedStatement) s).executeQuery());
  }

  @Override
  public int executeUpdate() throws SQLException {
    return update(recipe.sql(), s -> ((PreparedStatement) s).executeUpdate());
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return update(recipe.sql(), s -> ((PreparedStatement) s).executeLargeUpdate());
  }

  @Override
  public boolean execute() throws SQLException {
    return update(recipe.sql(), s -> ((PreparedStatement) s).execute());
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return get(s -> ((PreparedStatement) s).getMetaData());
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    return get(s -> ((PreparedStatement) s).getParameterMetaData());
  }
}
