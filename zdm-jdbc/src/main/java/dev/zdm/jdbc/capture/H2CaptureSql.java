package dev.zdm.jdbc.capture;

import dev.zdm.Phase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link CaptureSql} of H2 2.x: per captured table, one row-level {@code AFTER INSERT, UPDATE,
 * DELETE} trigger calling {@link H2CaptureTrigger}. H2 passes a trigger nothing but its name, so
 * the name carries the configuration: {@code <prefix>capture:<migration>:<partitions>:<outbox
 * schema>:<table>}. A changed configuration is a new name: the new trigger is created before the
 * old one is dropped, so no write escapes capture (a write in between is captured twice, which the
 * relay coalesces).
 *
 * <p>The marker is the session variable {@code @zdm_writer = 'on'}. H2 takes its table locks
 * without a timeout setting here; {@code lockTimeout} is not applied. Stateless and thread-safe.
 */
public final class H2CaptureSql implements CaptureSql {

  private static final int MAX_NAME = 256;
  // By name: loading H2CaptureTrigger needs H2 on the class path, which only H2 users have.
  private static final String TRIGGER_CLASS = "dev.zdm.jdbc.capture.H2CaptureTrigger";

  /** Creates it; the dialect holds one instance. */
  public H2CaptureSql() {}

  @Override
  public boolean install(Connection connection, CaptureDefinition definition, Duration lockTimeout)
      throws SQLException {
    String name = triggerName(definition);
    List<InstalledCapture> onTable = new ArrayList<>();
    for (InstalledCapture capture : installed(connection, definition.tables().prefix())) {
      if (capture.schema().equals(definition.schema())
          && definition.table().equals(capture.table())) {
        if (capture.objectName().equals(name)) {
          return false;
        }
        onTable.add(capture);
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TRIGGER IF NOT EXISTS "
              + quote(definition.schema())
              + "."
              + quote(name)
              + " AFTER INSERT, UPDATE, DELETE ON "
              + quote(definition.schema())
              + "."
              + quote(definition.table())
              + " FOR EACH ROW CALL '"
              + TRIGGER_CLASS
              + "'");
    }
    for (InstalledCapture stale : onTable) {
      remove(connection, stale, lockTimeout);
    }
    return true;
  }

  @Override
  public List<InstalledCapture> installed(Connection connection, String prefix)
      throws SQLException {
    Map<String, InstalledCapture> found = new LinkedHashMap<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT trigger_schema, trigger_name, event_object_table"
                + " FROM information_schema.triggers WHERE java_class = ?")) {
      query.setString(1, TRIGGER_CLASS);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String schema = rows.getString(1);
          String name = rows.getString(2);
          String table = rows.getString(3);
          H2CaptureTrigger.Config.parse(name)
              .filter(c -> c.prefix().equals(prefix))
              .ifPresent(
                  c ->
                      found.putIfAbsent(
                          schema + "." + name,
                          new InstalledCapture(
                              schema,
                              table,
                              c.migration(),
                              c.outboxSchema(),
                              prefix + "changes",
                              c.partitions(),
                              name)));
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  @Override
  public void remove(Connection connection, InstalledCapture capture, Duration lockTimeout)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "DROP TRIGGER IF EXISTS " + quote(capture.schema()) + "." + quote(capture.objectName()));
    }
  }

  @Override
  public void markZdmWriter(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET @zdm_writer = 'on'");
    }
  }

  @Override
  public void unmarkZdmWriter(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET @zdm_writer = NULL");
    }
  }

  @Override
  public boolean isZdmWriter(Connection connection) throws SQLException {
    return H2CaptureTrigger.isZdmWriter(connection);
  }

  static String triggerName(CaptureDefinition definition) {
    return CaptureNames.fit(
        definition.tables().prefix()
            + H2CaptureTrigger.Config.TAG
            + definition.migration()
            + (definition.side() == Phase.Side.TARGET ? H2CaptureTrigger.Config.TARGET_MARK : "")
            + ":"
            + definition.partitions()
            + ":"
            + definition.outboxSchema()
            + ":"
            + definition.table(),
        MAX_NAME);
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
