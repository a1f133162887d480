package dev.zdm.jdbc.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The connection state the application set on a routed connection, kept so that it can be set again
 * on whichever physical connection the proxy binds to next. Only what the application set is
 * replayed; the rest keeps the physical connection's defaults (the pool resets them when the
 * connection goes back). Not thread-safe; owned by one {@link RoutedConnection}.
 */
final class SessionState {

  boolean autoCommit = true;
  Boolean readOnly;
  Integer isolation;
  String catalog;
  String schema;
  Integer holdability;
  Map<String, Class<?>> typeMap;
  Properties clientInfo;
  Executor networkTimeoutExecutor;
  Integer networkTimeoutMillis;

  void clientInfo(String name, String value) {
    if (clientInfo == null) {
      clientInfo = new Properties();
    }
    if (value == null) {
      clientInfo.remove(name);
    } else {
      clientInfo.setProperty(name, value);
    }
  }

  void typeMap(Map<String, Class<?>> map) {
    typeMap = map == null ? null : new LinkedHashMap<>(map);
  }

  /** Sets everything the application set on a freshly bound physical connection. */
  void applyTo(Connection physical) throws SQLException {
    if (physical.getAutoCommit() != autoCommit) {
      physical.setAutoCommit(autoCommit);
    }
    if (readOnly != null) {
      physical.setReadOnly(readOnly);
    }
    if (isolation != null) {
      physical.setTransactionIsolation(isolation);
    }
    if (catalog != null) {
      physical.setCatalog(catalog);
    }
    if (schema != null) {
      physical.setSchema(schema);
    }
    if (holdability != null) {
      physical.setHoldability(holdability);
    }
    if (typeMap != null) {
      physical.setTypeMap(typeMap);
    }
    if (clientInfo != null) {
      physical.setClientInfo(clientInfo);
    }
    if (networkTimeoutMillis != null) {
      physical.setNetworkTimeout(networkTimeoutExecutor, networkTimeoutMillis);
    }
  }
}
