package dev.zdm.jdbc.capture;

import dev.zdm.test.Engine;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.zip.CRC32;

/** The SQL that capture tests need and that differs between engines. */
record CaptureFixture(
    Engine engine,
    String uuidType,
    String instantType,
    String localTimestampType,
    String localTimestampJson,
    String floatType,
    String utcZone,
    String otherZone,
    List<String> userTrigger,
    String partitionQuery,
    String captureObjectsQuery) {

  static final CaptureFixture POSTGRES =
      new CaptureFixture(
          Engine.POSTGRES,
          "UUID",
          "TIMESTAMP(6) WITH TIME ZONE",
          "TIMESTAMP(6)",
          "2024-01-02T03:04:05.5",
          "DOUBLE PRECISION",
          "SET TIME ZONE 'UTC'",
          "SET TIME ZONE 'America/New_York'",
          List.of(
              "CREATE FUNCTION audit_orders() RETURNS trigger LANGUAGE plpgsql AS"
                  + " $$ BEGIN INSERT INTO audit VALUES (NEW.id); RETURN NULL; END $$",
              "CREATE TRIGGER audit_orders AFTER INSERT ON orders FOR EACH ROW"
                  + " EXECUTE FUNCTION audit_orders()"),
          "SELECT (hashtext(?)::bigint & 2147483647) % ?",
          // xmin changes whenever a function is replaced; the trigger's oid when it is recreated.
          "SELECT p.proname || ':' || p.xmin::text || ':' || t.oid::text || ':' || t.tgenabled::text"
              + " FROM pg_proc p JOIN pg_trigger t ON t.tgfoid = p.oid"
              + " WHERE p.proname LIKE 'zdm%' ORDER BY 1");

  static final CaptureFixture MARIADB =
      new CaptureFixture(
          Engine.MARIADB,
          "UUID",
          "TIMESTAMP(6)",
          "DATETIME(6)",
          "2024-01-02 03:04:05.500000",
          "DOUBLE",
          "SET time_zone = '+00:00'",
          "SET time_zone = '-05:00'",
          List.of(
              "CREATE TRIGGER audit_orders AFTER INSERT ON orders FOR EACH ROW"
                  + " INSERT INTO audit VALUES (NEW.id)"),
          "SELECT CRC32(?) % ?",
          // CREATED has centiseconds: a replaced trigger gets a new one (tests wait in between).
          "SELECT CONCAT(trigger_name, ':', created, ':', action_order)"
              + " FROM information_schema.triggers WHERE trigger_schema = DATABASE()"
              + " AND trigger_name LIKE 'zdm%' ORDER BY 1");

  static final CaptureFixture H2 =
      new CaptureFixture(
          Engine.H2,
          "UUID",
          "TIMESTAMP(6) WITH TIME ZONE",
          "TIMESTAMP(6)",
          "2024-01-02T03:04:05.5",
          "DOUBLE PRECISION",
          "SET TIME ZONE 'UTC'",
          "SET TIME ZONE '-05:00'",
          List.of(
              "CREATE TRIGGER audit_orders AFTER INSERT ON orders FOR EACH ROW CALL '"
                  + AuditTrigger.class.getName()
                  + "'"),
          null,
          "SELECT DISTINCT trigger_name FROM information_schema.triggers"
              + " WHERE trigger_name LIKE 'zdm%' ORDER BY 1");

  /** The partition the engine's function gives a key's text, computed independently of zdm. */
  int partitionOf(Connection connection, String pk, int partitions) throws SQLException {
    if (partitionQuery == null) {
      CRC32 crc = new CRC32();
      crc.update(pk.getBytes(StandardCharsets.UTF_8));
      return (int) (crc.getValue() % partitions);
    }
    try (PreparedStatement query = connection.prepareStatement(partitionQuery)) {
      query.setString(1, pk);
      query.setInt(2, partitions);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }
}
