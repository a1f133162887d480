package dev.zdm.jdbc.capture;

import dev.zdm.Phase;
import dev.zdm.jdbc.dialect.LockKeys;
import dev.zdm.jdbc.schema.ZdmTables;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Everything an engine needs to capture one table: whose changes they are, which columns form the
 * key, and which outbox receives them. Every name has been validated against the catalog.
 *
 * @param migration the migration name, already validated
 * @param schema the captured table's schema (a database, in MariaDB)
 * @param table the captured table's name as the catalog spells it
 * @param primaryKey the primary-key columns in key order, at least one
 * @param tables zdm's table names; the outbox is {@link ZdmTables#changes()}
 * @param outboxSchema the schema that holds zdm's outbox, resolved (never the connection default)
 * @param partitions how many relay partitions keys are spread over, at least 1
 * @param side which database of the migration this is: the triggers accept application writes, and
 *     capture them, only in the phases where this side is authoritative, and refuse them with the
 *     fence's SQLSTATE otherwise
 */
public record CaptureDefinition(
    String migration,
    String schema,
    String table,
    List<KeyColumn> primaryKey,
    ZdmTables tables,
    String outboxSchema,
    int partitions,
    Phase.Side side) {

  /** Copies the key so the definition cannot change. */
  public CaptureDefinition {
    Objects.requireNonNull(side, "side");
    if (side == Phase.Side.NONE) {
      throw new IllegalArgumentException("a capture is on the source or the target side");
    }
    Objects.requireNonNull(migration, "migration");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(tables, "tables");
    Objects.requireNonNull(outboxSchema, "outboxSchema");
    primaryKey = List.copyOf(primaryKey);
    if (primaryKey.isEmpty() || partitions < 1) {
      throw new IllegalArgumentException("a capture needs a key and at least one partition");
    }
  }

  /**
   * Returns the outbox table's unquoted name.
   *
   * @return such as {@code zdm_changes}
   */
  public String outboxTable() {
    return tables.changes();
  }

  /**
   * A definition of the source side, where triggers capture in {@code OFF}, {@code DUAL_WRITE} and
   * {@code SHADOW}.
   *
   * @param migration the migration name, already validated
   * @param schema the captured table's schema
   * @param table the captured table's name
   * @param primaryKey the primary-key columns in key order
   * @param tables zdm's table names
   * @param outboxSchema the schema that holds zdm's outbox
   * @param partitions the partition count
   */
  public CaptureDefinition(
      String migration,
      String schema,
      String table,
      List<KeyColumn> primaryKey,
      ZdmTables tables,
      String outboxSchema,
      int partitions) {
    this(migration, schema, table, primaryKey, tables, outboxSchema, partitions, Phase.Side.SOURCE);
  }

  /**
   * Returns the control table's unquoted name, in the outbox schema.
   *
   * @return such as {@code zdm_migrations}
   */
  public String controlTable() {
    return tables.migrations();
  }

  /**
   * Returns the phases in which this side takes application writes.
   *
   * @return the phases whose authoritative side is this side, plus {@code OFF} for the source
   */
  public EnumSet<Phase> acceptingPhases() {
    return acceptingPhases(side);
  }

  /**
   * Returns the phases in which this side's triggers write application changes to the outbox.
   *
   * @return {@code OFF, DUAL_WRITE, SHADOW} for the source, {@code TARGET_PRIMARY} for the target
   */
  public EnumSet<Phase> capturingPhases() {
    return capturingPhases(side);
  }

  /**
   * Returns the phases in which one side's triggers write application changes to the outbox.
   *
   * @param side the source or the target
   * @return {@code OFF, DUAL_WRITE, SHADOW} for the source, {@code TARGET_PRIMARY} for the target
   */
  public static EnumSet<Phase> capturingPhases(Phase.Side side) {
    return side == Phase.Side.SOURCE
        ? EnumSet.of(Phase.OFF, Phase.DUAL_WRITE, Phase.SHADOW)
        : EnumSet.of(Phase.TARGET_PRIMARY);
  }

  /**
   * Returns the key of the migration's fence lock, which every captured application write takes in
   * shared mode and the cutover in exclusive mode (PostgreSQL advisory locks).
   *
   * @return a stable 64-bit key
   */
  public long fenceLockKey() {
    return fenceLockKey(outboxSchema, tables, migration);
  }

  /**
   * Returns the phases in which one side takes application writes.
   *
   * @param side the source or the target
   * @return the phases in which the side is authoritative ({@code OFF} counts for the source)
   */
  public static EnumSet<Phase> acceptingPhases(Phase.Side side) {
    EnumSet<Phase> phases = EnumSet.noneOf(Phase.class);
    for (Phase phase : Phase.values()) {
      if (phase.authoritative() == side) {
        phases.add(phase);
      }
    }
    return phases;
  }

  /**
   * Returns the key of a migration's fence lock in one database.
   *
   * @param outboxSchema the resolved schema of zdm's tables
   * @param tables zdm's table names
   * @param migration the migration's name
   * @return a stable 64-bit key
   */
  public static long fenceLockKey(String outboxSchema, ZdmTables tables, String migration) {
    return LockKeys.hash64(
        "zdm fence:" + outboxSchema + "." + tables.migrations() + ":" + migration);
  }
}
