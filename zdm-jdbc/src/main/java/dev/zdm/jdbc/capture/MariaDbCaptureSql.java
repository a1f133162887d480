package dev.zdm.jdbc.capture;

import dev.zdm.Phase;
import dev.zdm.ZdmException;
import dev.zdm.control.Fence;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link CaptureSql} of MariaDB (10.6+): per captured table, three row-level {@code AFTER}
 * triggers, {@code <prefix>cap_<table>_ins}, {@code _upd} and {@code _del}. MariaDB allows several
 * triggers per event, so a user's own triggers keep working. DDL is not transactional here; each
 * trigger is created with {@code CREATE OR REPLACE TRIGGER}, which swaps it under the table's
 * metadata lock, so no write escapes capture while it is replaced. MySQL lacks that statement and
 * is not supported for capture.
 *
 * <p>Keys are {@code JSON_ARRAY(...)} held in a {@code utf8mb4_bin} variable; {@code TIMESTAMP}
 * columns are written as UTC {@code "yyyy-MM-ddTHH:mm:ss.ffffffZ"} so that the session's {@code
 * time_zone} cannot change a key's text. The partition is {@code CRC32(pk) % partitions} over the
 * key's UTF-8 bytes.
 *
 * <p>The marker is the user variable {@code @zdm_writer = 'on'}, which lives as long as the
 * session. Stateless and thread-safe.
 */
public final class MariaDbCaptureSql implements CaptureSql {

  private static final int MAX_STEM = 60;
  private static final String KEY_TYPE = "LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
  private static final Map<String, String> EVENTS = events();

  /** Creates it; the dialect holds one instance. */
  public MariaDbCaptureSql() {}

  @Override
  public boolean install(Connection connection, CaptureDefinition definition, Duration lockTimeout)
      throws SQLException {
    String stem = stem(definition);
    boolean changed = false;
    for (Map.Entry<String, String> event : EVENTS.entrySet()) {
      String name = stem + event.getKey();
      String body = body(definition, event.getValue());
      String existing = triggerSource(connection, definition.schema(), name);
      if (existing != null && CaptureSignature.find(existing).isEmpty()) {
        throw new ZdmException(
            "migration '"
                + definition.migration()
                + "': cannot capture "
                + definition.schema()
                + "."
                + definition.table()
                + ": a trigger named "
                + name
                + " exists and was not created by zdm; rename or drop it, or choose another"
                + " zdm.tablePrefix");
      }
      if (body.equals(existing)) {
        continue;
      }
      execute(
          connection,
          lockTimeout,
          "CREATE OR REPLACE TRIGGER "
              + quote(definition.schema())
              + "."
              + quote(name)
              + " AFTER "
              + event.getValue()
              + " ON "
              + quote(definition.schema())
              + "."
              + quote(definition.table())
              + " FOR EACH ROW\n"
              + body);
      changed = true;
    }
    return changed;
  }

  @Override
  public List<InstalledCapture> installed(Connection connection, String prefix)
      throws SQLException {
    Map<String, InstalledCapture> found = new LinkedHashMap<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT trigger_schema, trigger_name, event_object_table, action_statement"
                + " FROM information_schema.triggers"
                + " WHERE trigger_name LIKE ? ESCAPE '!' AND action_statement LIKE ?")) {
      query.setString(1, likePrefix(prefix + "cap_"));
      query.setString(2, "%zdm capture:%");
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String schema = rows.getString(1);
          String name = rows.getString(2);
          String stem = name.substring(0, name.length() - 4);
          String table = rows.getString(3);
          CaptureSignature.find(rows.getString(4))
              .filter(s -> s.outboxTable().equals(prefix + "changes"))
              .filter(s -> EVENTS.containsKey(name.substring(stem.length())))
              .ifPresent(s -> found.putIfAbsent(schema + "." + stem, s.at(schema, table, stem)));
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  @Override
  public void remove(Connection connection, InstalledCapture capture, Duration lockTimeout)
      throws SQLException {
    for (String suffix : EVENTS.keySet()) {
      execute(
          connection,
          lockTimeout,
          "DROP TRIGGER IF EXISTS "
              + quote(capture.schema())
              + "."
              + quote(capture.objectName() + suffix));
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
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT @zdm_writer <=> 'on'")) {
      return row.next() && row.getBoolean(1);
    }
  }

  static String stem(CaptureDefinition definition) {
    return CaptureNames.fit(definition.tables().object("cap_" + definition.table()), MAX_STEM);
  }

  /** One trigger's body: a guard around one outbox row per changed key. */
  static String body(CaptureDefinition definition, String event) {
    StringBuilder capture = new StringBuilder();
    if (!event.equals("DELETE")) {
      capture.append("    SET new_key = ").append(keyJson(definition, "NEW")).append(";\n");
    }
    if (!event.equals("INSERT")) {
      capture.append("    SET old_key = ").append(keyJson(definition, "OLD")).append(";\n");
    }
    switch (event) {
      case "INSERT" -> capture.append(insert(definition, "new_key", 'I'));
      case "DELETE" -> capture.append(insert(definition, "old_key", 'D'));
      default ->
          capture
              .append("    IF old_key <> new_key THEN\n  ")
              .append(insert(definition, "old_key", 'U'))
              .append("    END IF;\n")
              .append(insert(definition, "new_key", 'U'));
    }
    String variables =
        switch (event) {
          case "INSERT" -> "new_key";
          case "DELETE" -> "old_key";
          default -> "new_key, old_key";
        };
    return "BEGIN\n  -- "
        + CaptureSignature.of(definition)
        + "\n  DECLARE "
        + variables
        + " "
        + KEY_TYPE
        + ";\n  DECLARE fence_phase VARCHAR(32);\n  DECLARE fence_message VARCHAR(512);\n"
        + guarded(definition, capture.toString())
        + "END";
  }

  /**
   * Skips zdm's own writes; fences and captures everyone else's. The fence reads the control row
   * with {@code LOCK IN SHARE MODE}, which holds a shared lock on it to the end of the writer's
   * transaction and reads the newest committed phase whatever the isolation level. The cutover
   * locks the row exclusively before it flips the phase: a write either commits before the flip
   * (and the cutover waits for it), or reads the phase after the flip and is refused. {@code MAX}
   * makes a missing row read as NULL (phase {@code OFF}) without a no-data warning.
   */
  private static String guarded(CaptureDefinition definition, String capture) {
    return "  IF NOT (@zdm_writer <=> 'on') THEN\n"
        + "    SELECT MAX(phase) INTO fence_phase FROM "
        + quote(definition.outboxSchema())
        + "."
        + quote(definition.controlTable())
        + " WHERE migration = '"
        + definition.migration()
        + "' LOCK IN SHARE MODE;\n    SET fence_phase = COALESCE(fence_phase, 'OFF');\n"
        + "    IF fence_phase NOT IN ("
        + phaseList(definition.acceptingPhases())
        + ") THEN\n      SET fence_message = CONCAT("
        + literal(FenceMessage.prefix(definition))
        + ", fence_phase, "
        + literal(FenceMessage.suffix(definition))
        + ");\n      SIGNAL SQLSTATE '"
        + Fence.SQLSTATE
        + "' SET MESSAGE_TEXT = fence_message;\n    END IF;\n    IF fence_phase IN ("
        + phaseList(definition.capturingPhases())
        + ") THEN\n"
        + capture
        + "    END IF;\n  END IF;\n";
  }

  private static String phaseList(Set<Phase> phases) {
    return phases.stream().map(p -> "'" + p.name() + "'").collect(Collectors.joining(", "));
  }

  private static String insert(CaptureDefinition definition, String key, char op) {
    return "    INSERT INTO "
        + quote(definition.outboxSchema())
        + "."
        + quote(definition.outboxTable())
        + " (migration, table_name, pk, op, partition_no) VALUES ('"
        + definition.migration()
        + "', "
        + literal(definition.table())
        + ", "
        + key
        + ", '"
        + op
        + "', CRC32("
        + key
        + ") % "
        + definition.partitions()
        + ");\n";
  }

  private static String keyJson(CaptureDefinition definition, String row) {
    List<String> values = new ArrayList<>();
    for (KeyColumn column : definition.primaryKey()) {
      String value = row + "." + quote(column.name());
      if (column.dataType().equals("timestamp")) {
        // UNIX_TIMESTAMP reads a TIMESTAMP's stored UTC value; no session time zone applies.
        value =
            "DATE_FORMAT(TIMESTAMPADD(MICROSECOND, UNIX_TIMESTAMP("
                + value
                + ") * 1000000, '1970-01-01 00:00:00'), '%Y-%m-%dT%H:%i:%s.%fZ')";
      }
      values.add(value);
    }
    return "JSON_ARRAY(" + String.join(", ", values) + ")";
  }

  private static String triggerSource(Connection connection, String schema, String name)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT action_statement FROM information_schema.triggers"
                + " WHERE trigger_schema = ? AND trigger_name = ?")) {
      query.setString(1, schema);
      query.setString(2, name);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  private static void execute(Connection connection, Duration lockTimeout, String ddl)
      throws SQLException {
    long seconds = Math.max(1, (lockTimeout.toMillis() + 999) / 1000);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET STATEMENT lock_wait_timeout=" + seconds + " FOR " + ddl);
    }
  }

  static String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  /** A string literal that means the same whether or not NO_BACKSLASH_ESCAPES is set. */
  private static String literal(String text) {
    if (text.indexOf('\\') < 0) {
      return "'" + text.replace("'", "''") + "'";
    }
    return "_utf8mb4 X'" + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)) + "'";
  }

  private static String likePrefix(String prefix) {
    return prefix.replace("!", "!!").replace("_", "!_").replace("%", "!%") + "%";
  }

  private static Map<String, String> events() {
    Map<String, String> events = new LinkedHashMap<>();
    events.put("_ins", "INSERT");
    events.put("_upd", "UPDATE");
    events.put("_del", "DELETE");
    return Collections.unmodifiableMap(events);
  }
}
