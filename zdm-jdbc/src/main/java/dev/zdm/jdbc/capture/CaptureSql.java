package dev.zdm.jdbc.capture;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * How one engine captures changes: the triggers that write each committed change of a migrated
 * table into zdm's outbox, and the session marker that keeps zdm's own writes out of it.
 *
 * <p>A trigger writes one outbox row per changed key, in the writer's transaction: {@code
 * (migration, table_name, pk, op, partition_no)}, where {@code pk} is the key as a JSON array that
 * {@link dev.zdm.change.RowKey#parseJson(String)} reads, {@code op} is {@code I}, {@code U} or
 * {@code D}, and {@code partition_no} is a function of the key text alone. An update that changes
 * the key writes two rows, old key and new key, both with {@code op = 'U'}. Writes made while the
 * session carries zdm's marker are skipped.
 *
 * <p>{@link dev.zdm.jdbc.capture.CaptureInstaller} validates every name against the catalog before
 * calling {@link #install}; implementations quote every identifier. Implementations are stateless
 * and thread-safe; each call uses only the connection it is given.
 */
public interface CaptureSql {

  /**
   * Installs the capture objects for one table, or replaces them when their definition changed.
   * Installing what is already installed changes nothing and takes no lock on the table. The caller
   * holds zdm's schema lock.
   *
   * @param connection a connection in auto-commit mode; it is left in auto-commit mode
   * @param definition the validated table, key and outbox
   * @param lockTimeout how long to wait for the table lock the DDL needs before giving up
   * @return true if objects were created or replaced, false if they were already as defined
   * @throws SQLException if the engine refuses or the lock wait times out
   * @throws dev.zdm.ZdmException if an object under a capture object's name exists that zdm did not
   *     create
   */
  boolean install(Connection connection, CaptureDefinition definition, Duration lockTimeout)
      throws SQLException;

  /**
   * Lists the captures whose objects carry a table prefix and write to that prefix's outbox, in
   * every schema the connection can see.
   *
   * @param connection an open connection
   * @param prefix zdm's table prefix, such as {@code zdm_}
   * @return the captures found, in no particular order
   * @throws SQLException if the catalog cannot be read
   */
  List<InstalledCapture> installed(Connection connection, String prefix) throws SQLException;

  /**
   * Drops the objects of one capture. Objects already gone are skipped.
   *
   * @param connection a connection in auto-commit mode; it is left in auto-commit mode
   * @param capture a capture found by {@link #installed(Connection, String)}
   * @param lockTimeout how long to wait for the table lock the DDL needs before giving up
   * @throws SQLException if the engine refuses or the lock wait times out
   */
  void remove(Connection connection, InstalledCapture capture, Duration lockTimeout)
      throws SQLException;

  /**
   * Marks the connection's session as zdm's writer: capture triggers skip its writes until {@link
   * #unmarkZdmWriter(Connection)}. Call it before zdm writes on a connection and unmark in a {@code
   * finally} before the connection returns to a pool. In PostgreSQL a mark made inside a
   * transaction that then rolls back is undone with it; mark at the start of each transaction.
   *
   * @param connection the connection zdm writes on
   * @throws SQLException if the engine refuses
   */
  void markZdmWriter(Connection connection) throws SQLException;

  /**
   * Removes the mark of {@link #markZdmWriter(Connection)}; the session's writes are captured
   * again. Unmarking a session that is not marked does nothing.
   *
   * @param connection the connection zdm wrote on
   * @throws SQLException if the engine refuses
   */
  void unmarkZdmWriter(Connection connection) throws SQLException;

  /**
   * Marks only the current transaction as zdm's writer, where the engine can scope the mark so: the
   * mark ends with commit or rollback, so it can never leak into a pooled connection's next user.
   * Engines that cannot (MariaDB, H2) mark nothing and return false; the caller then uses {@link
   * #markZdmWriter(Connection)} and {@link #unmarkZdmWriter(Connection)}.
   *
   * @param connection a connection with auto-commit off
   * @return true if the transaction is now marked, false if the engine has no transaction-scoped
   *     mark
   * @throws SQLException if the connection is in auto-commit mode (the mark would end with the
   *     statement that sets it) or the engine refuses
   */
  default boolean markZdmTransaction(Connection connection) throws SQLException {
    return false;
  }

  /**
   * Tells whether the connection's writes are currently skipped by capture triggers.
   *
   * @param connection an open connection
   * @return true while the session or the current transaction carries zdm's mark
   * @throws SQLException if the engine refuses
   */
  boolean isZdmWriter(Connection connection) throws SQLException;
}
