package dev.zdm.jdbc.dialect;

import dev.zdm.ZdmException;
import dev.zdm.jdbc.Dialect;
import dev.zdm.jdbc.capture.CaptureSql;
import dev.zdm.jdbc.capture.MariaDbCaptureSql;
import dev.zdm.jdbc.rows.MariaDbRowSql;
import dev.zdm.jdbc.rows.RowSql;
import dev.zdm.jdbc.schema.DdlTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * MariaDB 10.6 and newer. Stateless and thread-safe.
 *
 * <p>DDL is not transactional here: each schema statement commits on its own, so zdm's statements
 * are idempotent and a cut-off step is completed by the next install.
 */
public final class MariaDbDialect implements Dialect {

  /** How long a schema change waits for another process's, in seconds. */
  private static final int LOCK_TIMEOUT_SECONDS = 60;

  private static final CaptureSql CAPTURE = new MariaDbCaptureSql();
  private static final RowSql ROWS = new MariaDbRowSql();

  private static final DdlTypes TYPES =
      new DdlTypes(
          "BIGINT AUTO_INCREMENT",
          "LONGTEXT",
          "TIMESTAMP(6)",
          "CURRENT_TIMESTAMP(6)",
          "BOOLEAN",
          " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
          true);

  /** Creates the dialect; {@link java.util.ServiceLoader} calls this. */
  public MariaDbDialect() {}

  @Override
  public String name() {
    return "mariadb";
  }

  @Override
  public boolean supports(String productName, String productVersion) {
    // MySQL is not supported: capture needs CREATE OR REPLACE TRIGGER and the data path needs
    // SET STATEMENT, both MariaDB-only. A MariaDB server may report itself as MySQL through an
    // old driver; its version string still says MariaDB.
    return "MariaDB".equalsIgnoreCase(productName)
        || (productVersion != null && productVersion.contains("MariaDB"));
  }

  @Override
  public String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  @Override
  public int maxIdentifierLength() {
    return 64;
  }

  @Override
  public boolean transactionalDdl() {
    return false;
  }

  @Override
  public String currentSchemaQuery() {
    return "SELECT DATABASE()";
  }

  @Override
  public String epochSeconds(String timestamp) {
    return "UNIX_TIMESTAMP(" + timestamp + ")";
  }

  @Override
  public DdlTypes ddlTypes() {
    return TYPES;
  }

  @Override
  public void lockSchema(Connection connection, String lockName) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
      lock.setString(1, LockKeys.shortName(lockName));
      lock.setInt(2, LOCK_TIMEOUT_SECONDS);
      try (ResultSet granted = lock.executeQuery()) {
        if (!granted.next() || granted.getInt(1) != 1) {
          throw new ZdmException(
              "another process held zdm's schema lock '"
                  + lockName
                  + "' for more than "
                  + LOCK_TIMEOUT_SECONDS
                  + " s; check for a stuck install, then try again");
        }
      }
    }
  }

  @Override
  public void unlockSchema(Connection connection, String lockName) throws SQLException {
    try (PreparedStatement unlock = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
      unlock.setString(1, LockKeys.shortName(lockName));
      unlock.execute();
    }
  }

  @Override
  public CaptureSql capture() {
    return CAPTURE;
  }

  @Override
  public RowSql rows() {
    return ROWS;
  }
}
