package dev.zdm.jdbc.capture;

/**
 * A capture found in the database's catalog: the objects zdm installed on one table.
 *
 * @param schema the schema of the captured table (and of its capture objects)
 * @param table the captured table, or null for a PostgreSQL trigger function left behind after its
 *     table was dropped
 * @param migration the migration the changes are recorded for
 * @param outboxSchema the schema of the outbox the objects write to
 * @param outboxTable the outbox the objects write to, such as {@code zdm_changes}
 * @param partitions the partition count the objects compute with
 * @param objectName the engine-specific name of the capture objects: the PostgreSQL function and
 *     trigger, the common stem of the three MariaDB triggers, or the H2 trigger
 */
public record InstalledCapture(
    String schema,
    String table,
    String migration,
    String outboxSchema,
    String outboxTable,
    int partitions,
    String objectName) {

  /**
   * Describes the capture for messages, without any row value.
   *
   * @return such as {@code public.orders (migration orders-to-pg)}
   */
  public String describe() {
    return schema + "." + (table == null ? objectName : table) + " (migration " + migration + ")";
  }
}
