package dev.zdm.jdbc;

import dev.zdm.jdbc.capture.CaptureSql;
import dev.zdm.jdbc.rows.RowSql;
import dev.zdm.jdbc.schema.DdlTypes;
import dev.zdm.jdbc.schema.SchemaStep;
import dev.zdm.jdbc.schema.ZdmSchema;
import dev.zdm.jdbc.schema.ZdmTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The SQL that differs between database engines, as fragments and capabilities. zdm finds
 * implementations through {@link java.util.ServiceLoader}; a new engine plugs in by listing its
 * class in {@code META-INF/services/dev.zdm.jdbc.Dialect}.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface Dialect {

  /**
   * Returns a short, stable name for this dialect, such as {@code postgresql}.
   *
   * @return the dialect's name
   */
  String name();

  /**
   * Tells whether this dialect speaks to the database a connection reports.
   *
   * @param productName {@link java.sql.DatabaseMetaData#getDatabaseProductName()}
   * @param productVersion {@link java.sql.DatabaseMetaData#getDatabaseProductVersion()}
   * @return true if this dialect handles that engine
   */
  boolean supports(String productName, String productVersion);

  /**
   * Quotes one identifier for this engine. The identifier must already be validated; quote
   * characters inside it are escaped all the same.
   *
   * @param identifier an unquoted table, column, index or schema name
   * @return the quoted identifier
   */
  String quote(String identifier);

  /**
   * Returns the longest identifier the engine accepts.
   *
   * @return a length in characters
   */
  int maxIdentifierLength();

  /**
   * Tells whether DDL takes part in transactions, so that a schema step can be applied atomically.
   *
   * @return true for engines with transactional DDL
   */
  boolean transactionalDdl();

  /**
   * Returns the query that yields the connection's current schema (a database, in MariaDB).
   *
   * @return a query returning one row with one text column
   */
  String currentSchemaQuery();

  /**
   * Returns an expression for the seconds since the epoch of a timestamp expression, independent of
   * the session's time zone, so that instants read back the same in every process.
   *
   * @param timestamp a SQL expression of zdm's timestamp type, such as a column or {@code
   *     CURRENT_TIMESTAMP}
   * @return a numeric SQL expression with fractional seconds
   */
  String epochSeconds(String timestamp);

  /**
   * Returns the column types and table options for zdm's own tables in this engine.
   *
   * @return the engine's types
   */
  DdlTypes ddlTypes();

  /**
   * Returns zdm's own objects as versioned steps, oldest first. Step {@code n} is at index {@code n
   * - 1}; every dialect has the same versions with the same descriptions. Statements are idempotent
   * ({@code IF NOT EXISTS}) so that a step cut off on an engine without transactional DDL can run
   * again. The default writes zdm's tables from {@link #ddlTypes()}.
   *
   * @param tables the names of zdm's tables, already validated
   * @return the steps, never empty
   */
  default List<SchemaStep> schemaSteps(ZdmTables tables) {
    return ZdmSchema.steps(tables, this, ddlTypes());
  }

  /**
   * Takes a lock that serialises zdm's schema changes across every process using the database.
   * Blocks until it is granted or the engine's timeout passes.
   *
   * @param connection the connection to hold the lock on; the lock lives as long as it does
   * @param lockName a name unique to one set of zdm tables
   * @throws SQLException if the lock cannot be taken
   */
  void lockSchema(Connection connection, String lockName) throws SQLException;

  /**
   * Releases the lock taken by {@link #lockSchema(Connection, String)}.
   *
   * @param connection the connection that holds the lock
   * @param lockName the name it was taken with
   * @throws SQLException if the engine refuses
   */
  void unlockSchema(Connection connection, String lockName) throws SQLException;

  /**
   * Returns how this engine captures changes into zdm's outbox.
   *
   * @return the engine's capture SQL
   */
  CaptureSql capture();

  /**
   * Returns how this engine reads rows by key and writes them in batches.
   *
   * @return the engine's row SQL
   */
  RowSql rows();
}
