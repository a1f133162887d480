package dev.zdm.jdbc.capture;

import dev.zdm.Phase;
import dev.zdm.ZdmException;
import dev.zdm.control.Fence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link CaptureSql} of PostgreSQL: per captured table, one PL/pgSQL function {@code
 * <prefix>capture_<table>} in the table's schema and one row-level {@code AFTER INSERT OR UPDATE OR
 * DELETE} trigger of the same name calling it, enabled {@code ALWAYS} so that sessions in {@code
 * session_replication_role = replica} (logical-replication apply workers) are captured too.
 *
 * <p>Keys are {@code json_build_array(...)::text}; {@code timestamptz} columns are written as UTC
 * {@code "yyyy-MM-ddTHH:mm:ss.ffffffZ"} so that the session's time zone cannot change a key's text,
 * and unconstrained {@code numeric} columns through {@code trim_scale} (PostgreSQL 13+). The
 * partition is {@code (hashtext(pk)::bigint & 2147483647) % partitions}.
 *
 * <p>The marker is the custom setting {@value #MARKER_SETTING}: {@code 'on'} for the session
 * ({@link #markZdmWriter}) or for one transaction ({@link #markZdmTransaction}). Stateless and
 * thread-safe.
 */
public final class PostgresCaptureSql implements CaptureSql {

  /** The setting whose value {@code on} marks zdm's own writes. */
  public static final String MARKER_SETTING = "zdm.writer";

  private static final int MAX_NAME_BYTES = 63;

  /** Creates it; the dialect holds one instance. */
  public PostgresCaptureSql() {}

  @Override
  public boolean install(Connection connection, CaptureDefinition definition, Duration lockTimeout)
      throws SQLException {
    String name = objectName(definition);
    String body = body(definition, connection.getMetaData().getDatabaseMajorVersion());
    String existing = functionSource(connection, definition.schema(), name);
    if (existing != null && CaptureSignature.find(existing).isEmpty()) {
      throw foreignObject(definition, "function", name);
    }
    Optional<String> enabled = triggerState(connection, definition, name);
    if (body.equals(existing) && enabled.equals(Optional.of("A"))) {
      return false;
    }
    String table = quote(definition.schema()) + "." + quote(definition.table());
    String function = quote(definition.schema()) + "." + quote(name);
    inTransaction(
        connection,
        lockTimeout,
        statement -> {
          if (!body.equals(existing)) {
            String tag = dollarTag(body);
            statement.execute(
                "CREATE OR REPLACE FUNCTION "
                    + function
                    + "() RETURNS trigger LANGUAGE plpgsql AS "
                    + tag
                    + body
                    + tag);
          }
          if (enabled.isEmpty()) {
            statement.execute(
                "CREATE TRIGGER "
                    + quote(name)
                    + " AFTER INSERT OR UPDATE OR DELETE ON "
                    + table
                    + " FOR EACH ROW EXECUTE FUNCTION "
                    + function
                    + "()");
          }
          if (!enabled.equals(Optional.of("A"))) {
            statement.execute("ALTER TABLE " + table + " ENABLE ALWAYS TRIGGER " + quote(name));
          }
        });
    return true;
  }

  @Override
  public List<InstalledCapture> installed(Connection connection, String prefix)
      throws SQLException {
    List<InstalledCapture> found = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT n.nspname, p.proname, p.prosrc, c.relname FROM pg_proc p"
                + " JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " LEFT JOIN pg_trigger t ON t.tgfoid = p.oid AND t.tgname = p.proname"
                + " LEFT JOIN pg_class c ON c.oid = t.tgrelid"
                // A trigger on a partitioned table is cloned onto each partition; only the
                // parent's is zdm's to list and drop.
                + " WHERE (c.oid IS NULL OR NOT c.relispartition)"
                + " AND p.proname LIKE ? ESCAPE '!' AND p.prorettype = 'trigger'::regtype"
                + " AND p.prosrc LIKE '%zdm capture:%'")) {
      query.setString(1, likePrefix(prefix + "capture_"));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String schema = rows.getString(1);
          String name = rows.getString(2);
          String table = rows.getString(4);
          CaptureSignature.find(rows.getString(3))
              .filter(s -> s.outboxTable().equals(prefix + "changes"))
              .ifPresent(s -> found.add(s.at(schema, table, name)));
        }
      }
    }
    return found;
  }

  @Override
  public void remove(Connection connection, InstalledCapture capture, Duration lockTimeout)
      throws SQLException {
    String schema = quote(capture.schema());
    inTransaction(
        connection,
        lockTimeout,
        statement -> {
          if (capture.table() != null) {
            statement.execute(
                "DROP TRIGGER IF EXISTS "
                    + quote(capture.objectName())
                    + " ON "
                    + schema
                    + "."
                    + quote(capture.table()));
          }
          statement.execute(
              "DROP FUNCTION IF EXISTS " + schema + "." + quote(capture.objectName()) + "()");
        });
  }

  @Override
  public void markZdmWriter(Connection connection) throws SQLException {
    setMarker(connection, "on", false);
  }

  @Override
  public void unmarkZdmWriter(Connection connection) throws SQLException {
    setMarker(connection, "", false);
  }

  @Override
  public boolean markZdmTransaction(Connection connection) throws SQLException {
    if (connection.getAutoCommit()) {
      throw new SQLException(
          "zdm: markZdmTransaction needs an open transaction; call setAutoCommit(false) first,"
              + " or use markZdmWriter/unmarkZdmWriter",
          "25000");
    }
    setMarker(connection, "on", true);
    return true;
  }

  @Override
  public boolean isZdmWriter(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT coalesce(current_setting('" + MARKER_SETTING + "', true) = 'on', false)")) {
      return row.next() && row.getBoolean(1);
    }
  }

  private static void setMarker(Connection connection, String value, boolean transactionOnly)
      throws SQLException {
    try (PreparedStatement set = connection.prepareStatement("SELECT set_config(?, ?, ?)")) {
      set.setString(1, MARKER_SETTING);
      set.setString(2, value);
      set.setBoolean(3, transactionOnly);
      set.execute();
    }
  }

  static String objectName(CaptureDefinition definition) {
    return CaptureNames.fit(
        definition.tables().object("capture_" + definition.table()), MAX_NAME_BYTES);
  }

  /**
   * The function body: skip zdm's own writes, pass the fence, then one outbox row per changed key.
   */
  static String body(CaptureDefinition definition, int serverMajorVersion) {
    return "\n-- "
        + CaptureSignature.of(definition)
        + "\nDECLARE\n  new_key text;\n  old_key text;\n  fence_phase text;\nBEGIN\n"
        + guard()
        + fence(definition)
        + "  IF TG_OP <> 'DELETE' THEN\n    new_key := "
        + keyJson(definition, "NEW", serverMajorVersion)
        + ";\n  END IF;\n  IF TG_OP <> 'INSERT' THEN\n    old_key := "
        + keyJson(definition, "OLD", serverMajorVersion)
        + ";\n    IF old_key IS DISTINCT FROM new_key THEN\n      "
        + insert(definition, "old_key")
        + "\n    END IF;\n  END IF;\n  IF new_key IS NOT NULL THEN\n    "
        + insert(definition, "new_key")
        + "\n  END IF;\n  RETURN NULL;\nEND\n";
  }

  private static String insert(CaptureDefinition definition, String key) {
    return "INSERT INTO "
        + quote(definition.outboxSchema())
        + "."
        + quote(definition.outboxTable())
        + " (migration, table_name, pk, op, partition_no) VALUES ("
        + literal(definition.migration())
        + ", "
        + literal(definition.table())
        + ", "
        + key
        + ", left(TG_OP, 1), (hashtext("
        + key
        + ")::bigint & 2147483647) % "
        + definition.partitions()
        + ");";
  }

  /** zdm's own writes (relay, backfill) are neither fenced nor captured. */
  private static String guard() {
    return "  IF current_setting('"
        + MARKER_SETTING
        + "', true) = 'on' THEN\n    RETURN NULL;\n  END IF;\n";
  }

  /**
   * The fence. The shared advisory lock is held to the end of the writer's transaction, and the
   * cutover takes it exclusively before it flips the phase: a write either commits before the flip
   * (and the cutover waits for it), or reads the phase after the flip and is refused. Under READ
   * COMMITTED the read after the lock sees the flip; under REPEATABLE READ and SERIALIZABLE the
   * transaction's snapshot may predate it, so the row is read FOR SHARE, which fails with a
   * serialization error (40001) when the phase changed after the snapshot.
   *
   * <p>While the transaction holds the lock the phase cannot change, so the phase read by its first
   * write is kept in a transaction-local setting and later writes skip the lock and the read. A
   * savepoint rolled back undoes the setting with everything else it did.
   */
  private static String fence(CaptureDefinition definition) {
    String control =
        quote(definition.outboxSchema())
            + "."
            + quote(definition.controlTable())
            + " WHERE migration = "
            + literal(definition.migration());
    String cache = "'" + fenceSetting(definition) + "'";
    return "  fence_phase := current_setting("
        + cache
        + ", true);\n  IF fence_phase IS NULL OR fence_phase = '' THEN\n"
        + "    PERFORM pg_advisory_xact_lock_shared("
        + definition.fenceLockKey()
        + ");\n    IF current_setting('transaction_isolation') = 'read committed' THEN\n"
        + "      SELECT phase INTO fence_phase FROM "
        + control
        + ";\n    ELSE\n      SELECT phase INTO fence_phase FROM "
        + control
        + " FOR SHARE;\n    END IF;\n    fence_phase := coalesce(fence_phase, 'OFF');\n"
        + "    PERFORM set_config("
        + cache
        + ", fence_phase, true);\n  END IF;\n"
        + "  IF fence_phase NOT IN ("
        + phaseList(definition.acceptingPhases())
        + ") THEN\n    RAISE EXCEPTION USING ERRCODE = '"
        + Fence.SQLSTATE
        + "', MESSAGE = "
        + literal(FenceMessage.prefix(definition))
        + " || fence_phase || "
        + literal(FenceMessage.suffix(definition))
        + ";\n  END IF;\n  IF fence_phase NOT IN ("
        + phaseList(definition.capturingPhases())
        + ") THEN\n    RETURN NULL;\n  END IF;\n";
  }

  /** The transaction-local setting that holds the phase once the fence's lock is taken. */
  static String fenceSetting(CaptureDefinition definition) {
    return "zdm.fence_" + Long.toHexString(definition.fenceLockKey());
  }

  private static String phaseList(Set<Phase> phases) {
    return phases.stream().map(p -> "'" + p.name() + "'").collect(Collectors.joining(", "));
  }

  private static String keyJson(CaptureDefinition definition, String row, int serverMajorVersion) {
    List<String> values = new ArrayList<>();
    for (KeyColumn column : definition.primaryKey()) {
      String value = row + "." + quote(column.name());
      if (column.dataType().equals("timestamp with time zone")) {
        value = "to_char(" + value + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
      } else if (column.dataType().equals("numeric")
          && column.numericScale() == null
          && serverMajorVersion >= 13) {
        value = "trim_scale(" + value + ")";
      }
      values.add(value);
    }
    return "json_build_array(" + String.join(", ", values) + ")::text";
  }

  private static Optional<String> triggerState(
      Connection connection, CaptureDefinition definition, String name) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT t.tgenabled::text, n.nspname, p.proname FROM pg_trigger t"
                + " JOIN pg_proc p ON p.oid = t.tgfoid"
                + " JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE t.tgrelid = to_regclass(?) AND t.tgname = ? AND NOT t.tgisinternal")) {
      query.setString(1, quote(definition.schema()) + "." + quote(definition.table()));
      query.setString(2, name);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        if (!row.getString(2).equals(definition.schema()) || !row.getString(3).equals(name)) {
          throw foreignObject(definition, "trigger", name);
        }
        return Optional.of(row.getString(1));
      }
    }
  }

  private static String functionSource(Connection connection, String schema, String name)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE n.nspname = ? AND p.proname = ? AND p.pronargs = 0")) {
      query.setString(1, schema);
      query.setString(2, name);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  private static void inTransaction(Connection connection, Duration lockTimeout, Ddl ddl)
      throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement();
        PreparedStatement timeout =
            connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
      timeout.setString(1, Math.max(1, lockTimeout.toMillis()) + "ms");
      timeout.execute();
      ddl.run(statement);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static ZdmException foreignObject(
      CaptureDefinition definition, String kind, String name) {
    return new ZdmException(
        "migration '"
            + definition.migration()
            + "': cannot capture "
            + definition.schema()
            + "."
            + definition.table()
            + ": a "
            + kind
            + " named "
            + name
            + " exists and was not created by zdm; rename or drop it, or choose another"
            + " zdm.tablePrefix");
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** A string literal that means the same whatever standard_conforming_strings says. */
  private static String literal(String text) {
    String doubled = text.replace("'", "''");
    return text.indexOf('\\') < 0
        ? "'" + doubled + "'"
        : "E'" + doubled.replace("\\", "\\\\") + "'";
  }

  private static String dollarTag(String body) {
    String tag = "$zdm_capture$";
    for (int i = 1; body.contains(tag); i++) {
      tag = "$zdm_capture" + i + "$";
    }
    return tag;
  }

  private static String likePrefix(String prefix) {
    return prefix.replace("!", "!!").replace("_", "!_").replace("%", "!%") + "%";
  }

  @FunctionalInterface
  private interface Ddl {
    void run(Statement statement) throws SQLException;
  }
}
