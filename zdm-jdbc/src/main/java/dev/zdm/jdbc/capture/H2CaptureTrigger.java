package dev.zdm.jdbc.capture;

import dev.zdm.Phase;
import dev.zdm.change.RowKey;
import dev.zdm.control.Fence;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.h2.api.Trigger;

/**
 * The row trigger H2 calls for every write to a captured table (see {@link H2CaptureSql}). H2
 * creates it by reflection; applications never do. Writes one outbox row per changed key with the
 * same connection, hence in the writer's transaction.
 *
 * <p>Keys are {@link RowKey#toJson()} of the key values, with decimals stripped of trailing zeros,
 * dates and local timestamps in ISO-8601 and timestamps with a time zone as UTC {@code
 * "yyyy-MM-ddTHH:mm:ss.ffffffZ"}. The partition is the CRC-32 of the key's UTF-8 bytes modulo the
 * partition count, the same function as MariaDB's {@code CRC32(pk) % n}.
 *
 * <p>H2 calls {@link #init} once, then {@link #fire} from any session; the fields set by {@code
 * init} are not changed afterwards, so firing is thread-safe.
 */
public final class H2CaptureTrigger implements Trigger {

  private static final DateTimeFormatter UTC_MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");
  private static final DateTimeFormatter UTC_NANOS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'");

  private volatile Config config;
  private volatile String table;
  private volatile int[] keyColumns;
  private volatile String insert;
  private volatile String readPhase;

  /** Called by H2 when it loads the trigger. */
  public H2CaptureTrigger() {}

  @Override
  public void init(
      Connection connection,
      String schemaName,
      String triggerName,
      String tableName,
      boolean before,
      int type)
      throws SQLException {
    Config parsed =
        Config.parse(triggerName)
            .orElseThrow(
                () ->
                    new SQLException(
                        "zdm: trigger "
                            + triggerName
                            + " is not named as zdm names capture triggers; drop it and install"
                            + " capture again"));
    List<Integer> positions = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT c.ordinal_position FROM information_schema.table_constraints t"
                + " JOIN information_schema.key_column_usage k"
                + " ON k.constraint_schema = t.constraint_schema"
                + " AND k.constraint_name = t.constraint_name"
                + " JOIN information_schema.columns c ON c.table_schema = k.table_schema"
                + " AND c.table_name = k.table_name AND c.column_name = k.column_name"
                + " WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = ?"
                + " AND t.table_name = ? ORDER BY k.ordinal_position")) {
      query.setString(1, schemaName);
      query.setString(2, tableName);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          positions.add(rows.getInt(1) - 1);
        }
      }
    }
    if (positions.isEmpty()) {
      throw new SQLException(
          "zdm: captured table " + schemaName + "." + tableName + " has no primary key any more");
    }
    this.keyColumns = positions.stream().mapToInt(Integer::intValue).toArray();
    this.table = tableName;
    this.insert =
        "INSERT INTO "
            + quote(parsed.outboxSchema())
            + "."
            + quote(parsed.prefix() + "changes")
            + " (migration, table_name, pk, op, partition_no) VALUES (?, ?, ?, ?, ?)";
    this.readPhase =
        "SELECT phase FROM "
            + quote(parsed.outboxSchema())
            + "."
            + quote(parsed.prefix() + "migrations")
            + " WHERE migration = ? FOR UPDATE";
    this.config = parsed;
  }

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    if (isZdmWriter(connection) || !passesFence(connection)) {
      return;
    }
    String op = oldRow == null ? "I" : newRow == null ? "D" : "U";
    String newKey = newRow == null ? null : keyJson(newRow);
    String oldKey = oldRow == null ? null : keyJson(oldRow);
    try (PreparedStatement write = connection.prepareStatement(insert)) {
      if (oldKey != null && !oldKey.equals(newKey)) {
        add(write, oldKey, op);
      }
      if (newKey != null) {
        add(write, newKey, op);
      }
      write.executeBatch();
    }
  }

  /**
   * The fence: refuses the write when this side is not authoritative, and tells whether it is
   * captured. H2 2.x has no shared row lock, so the phase is read {@code FOR UPDATE}: the writer
   * holds the control row's lock until its transaction ends, and the switch, which updates that
   * row, waits for every write in flight and holds back new ones until it commits; a write that
   * waited reads the new phase. Application writes on H2 are therefore serialised on the control
   * row while capture is installed (H2 is for embedded use and tests).
   */
  private boolean passesFence(Connection connection) throws SQLException {
    Phase phase = Phase.OFF;
    try (PreparedStatement query = connection.prepareStatement(readPhase)) {
      query.setString(1, config.migration());
      try (ResultSet row = query.executeQuery()) {
        if (row.next()) {
          phase = Phase.valueOf(row.getString(1));
        }
      }
    }
    if (!CaptureDefinition.acceptingPhases(config.side()).contains(phase)) {
      throw new SQLException(
          FenceMessage.prefix(config.migration(), table)
              + phase
              + FenceMessage.suffix(config.side()),
          Fence.SQLSTATE);
    }
    return CaptureDefinition.capturingPhases(config.side()).contains(phase);
  }

  static boolean isZdmWriter(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT @zdm_writer")) {
      return row.next() && "on".equals(row.getString(1));
    }
  }

  private void add(PreparedStatement write, String key, String op) throws SQLException {
    write.setString(1, config.migration());
    write.setString(2, table);
    write.setString(3, key);
    write.setString(4, op);
    write.setInt(5, partition(key, config.partitions()));
    write.addBatch();
  }

  private String keyJson(Object[] row) {
    Object[] values = new Object[keyColumns.length];
    for (int i = 0; i < keyColumns.length; i++) {
      values[i] = keyValue(row[keyColumns[i]]);
    }
    return RowKey.of(values).toJson();
  }

  /** Renders values whose JDBC object has several spellings in one canonical text. */
  private static Object keyValue(Object value) {
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    if (value instanceof OffsetDateTime t) {
      OffsetDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC);
      return (utc.getNano() % 1000 == 0 ? UTC_MICROS : UTC_NANOS).format(utc);
    }
    if (value instanceof java.sql.Timestamp t) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t.toLocalDateTime());
    }
    if (value instanceof LocalDateTime t) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof LocalDate || value instanceof LocalTime) {
      return value.toString();
    }
    return value;
  }

  /** CRC-32 of the UTF-8 bytes, as MariaDB's CRC32() over a utf8mb4 string. */
  static int partition(String key, int partitions) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % partitions);
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** The configuration an H2 capture trigger carries in its name. */
  record Config(
      String prefix, String migration, int partitions, String outboxSchema, Phase.Side side) {

    static final String TAG = "capture:";

    /** Appended to the migration's name in the trigger name of a target-side capture. */
    static final String TARGET_MARK = "@target";

    /** Reads {@code <prefix>capture:<migration>:<partitions>:<outbox schema>:<table>}. */
    static Optional<Config> parse(String triggerName) {
      int tag = triggerName.indexOf(TAG);
      if (tag < 0) {
        return Optional.empty();
      }
      String[] parts = triggerName.substring(tag + TAG.length()).split(":", 4);
      if (parts.length < 4 || !parts[1].matches("[0-9]{1,9}")) {
        return Optional.empty();
      }
      boolean target = parts[0].endsWith(TARGET_MARK);
      String migration =
          target ? parts[0].substring(0, parts[0].length() - TARGET_MARK.length()) : parts[0];
      return Optional.of(
          new Config(
              triggerName.substring(0, tag),
              migration,
              Integer.parseInt(parts[1]),
              parts[2],
              target ? Phase.Side.TARGET : Phase.Side.SOURCE));
    }
  }
}
