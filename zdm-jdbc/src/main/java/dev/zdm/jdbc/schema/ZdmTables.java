package dev.zdm.jdbc.schema;

import dev.zdm.ZdmException;
import dev.zdm.jdbc.Dialect;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names of zdm's own tables in one database: a validated prefix, and optionally the schema (a
 * database, in MariaDB) they live in. Immutable and thread-safe.
 *
 * <p>Names are lowercase so that they mean the same in every engine, and always quoted in SQL.
 */
public final class ZdmTables {

  /** The prefix used when none is configured. */
  public static final String DEFAULT_PREFIX = "zdm_";

  /** The longest prefix, chosen so that every derived name fits every engine's limit (63). */
  public static final int MAX_PREFIX_LENGTH = 24;

  private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  private final String prefix;
  private final String schema;

  private ZdmTables(String prefix, String schema) {
    this.prefix = prefix;
    this.schema = schema;
  }

  /**
   * Returns the tables named with the default prefix in the connection's current schema.
   *
   * @return the default names
   */
  public static ZdmTables defaults() {
    return new ZdmTables(DEFAULT_PREFIX, null);
  }

  /**
   * Validates a prefix and an optional schema.
   *
   * @param prefix the table-name prefix, such as {@code zdm_}
   * @param schema the schema to hold the tables, or null for the connection's current one
   * @return the names
   * @throws ZdmException naming the property and the bad value if either is not a plain identifier
   */
  public static ZdmTables of(String prefix, String schema) {
    if (prefix == null
        || prefix.isEmpty()
        || prefix.length() > MAX_PREFIX_LENGTH
        || !PREFIX.matcher(prefix).matches()) {
      throw new ZdmException(
          "zdm.tablePrefix must be 1 to "
              + MAX_PREFIX_LENGTH
              + " lowercase letters, digits or '_', starting with a letter or '_', was '"
              + prefix
              + "'");
    }
    if (schema != null && (schema.length() > 63 || !SCHEMA.matcher(schema).matches())) {
      throw new ZdmException(
          "zdm.schema must be a plain identifier (letters, digits, '_' or '$', at most 63"
              + " characters, not starting with a digit), was '"
              + schema
              + "'");
    }
    return new ZdmTables(prefix, schema);
  }

  /**
   * Returns the prefix.
   *
   * @return the validated prefix
   */
  public String prefix() {
    return prefix;
  }

  /**
   * Returns the configured schema.
   *
   * @return the schema, or empty for the connection's current one
   */
  public Optional<String> schema() {
    return Optional.ofNullable(schema);
  }

  /**
   * Returns the table that records which schema steps are installed.
   *
   * @return an unquoted name
   */
  public String schemaVersion() {
    return prefix + "schema_version";
  }

  /**
   * Returns the control table: each migration's phase and epoch.
   *
   * @return an unquoted name
   */
  public String migrations() {
    return prefix + "migrations";
  }

  /**
   * Returns the outbox of captured changes.
   *
   * @return an unquoted name
   */
  public String changes() {
    return prefix + "changes";
  }

  /**
   * Returns the table of backfill and verification checkpoints.
   *
   * @return an unquoted name
   */
  public String checkpoints() {
    return prefix + "checkpoints";
  }

  /**
   * Returns the table of work leases (relay partitions, backfill ranges).
   *
   * @return an unquoted name
   */
  public String leases() {
    return prefix + "leases";
  }

  /**
   * Returns the table of changes the relay parked after repeated failures.
   *
   * @return an unquoted name
   */
  public String deadLetters() {
    return prefix + "dead_letters";
  }

  /**
   * Returns the log of verification runs: one row per run, its outcome and its report. The phase
   * guards read the newest finished run of a migration from it.
   *
   * @return an unquoted name
   */
  public String verifications() {
    return prefix + "verifications";
  }

  /**
   * Returns the name of one of zdm's indexes or other named objects.
   *
   * @param suffix what the object is, such as {@code changes_claim}
   * @return an unquoted name carrying the prefix
   */
  public String object(String suffix) {
    return prefix + suffix;
  }

  /**
   * Returns the name of the database lock that serialises every change to zdm's objects (its tables
   * and capture triggers) in one schema, so that an uninstall cannot race a capture install.
   *
   * @param resolvedSchema the schema zdm's tables are in, resolved from the connection when none is
   *     configured
   * @return a lock name for {@link Dialect#lockSchema}
   */
  public String lockName(String resolvedSchema) {
    return "zdm-schema:" + resolvedSchema + ":" + prefix;
  }

  /**
   * Returns every table zdm may create, oldest first.
   *
   * @return the unquoted names
   */
  public List<String> all() {
    return List.of(
        schemaVersion(),
        migrations(),
        changes(),
        checkpoints(),
        leases(),
        deadLetters(),
        verifications());
  }

  /**
   * Returns a table name quoted, and qualified with the schema when one is configured.
   *
   * @param dialect the engine's dialect
   * @param table an unquoted table name
   * @return SQL text naming the table
   */
  public String qualified(Dialect dialect, String table) {
    return schema == null
        ? dialect.quote(table)
        : dialect.quote(schema) + "." + dialect.quote(table);
  }

  @Override
  public String toString() {
    return (schema == null ? "" : schema + ".") + prefix + "*";
  }
}
