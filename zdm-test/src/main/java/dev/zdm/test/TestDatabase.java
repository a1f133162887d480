package dev.zdm.test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A brand-new, empty database created for one test class by {@link TestDatabases#create}, and
 * dropped when that class finishes.
 *
 * <p>Thread-safe. Nothing here ever returns a password except {@link #password()} and {@link
 * #jdbcUrlWithCredentials()}.
 */
public final class TestDatabase {
  /** Pool size of {@link #dataSource()}. */
  public static final int POOL_SIZE = 8;

  private final DatabaseServer server;
  private final String name;
  private final JdbcUrl url;
  private HikariDataSource pool;
  private boolean closed;

  TestDatabase(DatabaseServer server, String name) {
    this.server = server;
    this.name = name;
    this.url = server.databaseUrl(name);
  }

  /**
   * Returns the engine.
   *
   * @return the engine, never {@code null}
   */
  public Engine engine() {
    return server.engine();
  }

  /**
   * Returns the database name, e.g. {@code zdm_t_db_tf3k2a_x81kq0}.
   *
   * @return the name: lowercase, {@code [a-z0-9_]}, at most 63 characters
   */
  public String name() {
    return name;
  }

  /**
   * Returns the JDBC URL of this database without user and password; for PostgreSQL and MariaDB the
   * server URL with the database replaced, for H2 {@code
   * jdbc:h2:mem:<name>;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE} (unquoted names fold to lowercase,
   * as in PostgreSQL).
   *
   * @return the URL, safe to print
   */
  public String jdbcUrl() {
    return url == null ? DatabaseServer.h2Url(name) : url.toString();
  }

  /**
   * Returns {@link #jdbcUrl()} with the credentials added as URL parameters, e.g. to hand to a
   * child JVM. An H2 in-memory database is not visible to other JVMs.
   *
   * @return the URL including the password: do not log it
   */
  public String jdbcUrlWithCredentials() {
    return url == null
        ? DatabaseServer.h2Url(name) + ";USER=sa;PASSWORD="
        : url.toStringWithCredentials();
  }

  /**
   * Returns the user to connect as.
   *
   * @return the user, or {@code null} if the server URL names none (the driver's default applies)
   */
  public String user() {
    return url == null ? "sa" : url.user();
  }

  /**
   * Returns the password to connect with.
   *
   * @return the password, or {@code null} if the server URL names none
   */
  public String password() {
    return url == null ? "" : url.password();
  }

  /**
   * Opens a new physical connection; the caller closes it.
   *
   * @return a new connection to this database
   * @throws SQLException if the connection fails
   */
  public Connection connect() throws SQLException {
    return url == null
        ? DriverManager.getConnection(jdbcUrl(), user(), password())
        : DatabaseServer.open(server.engine(), url);
  }

  /**
   * Returns a HikariCP pool of at most {@link #POOL_SIZE} connections to this database, created on
   * first call and closed by the harness before the database is dropped. Do not close it yourself.
   *
   * @return the same pool on every call
   * @throws IllegalStateException if the database has already been cleaned up
   */
  public synchronized DataSource dataSource() {
    if (closed) {
      throw new IllegalStateException(name + " has already been dropped");
    }
    if (pool == null) {
      HikariConfig config = new HikariConfig();
      config.setPoolName("zdm-test-" + name);
      config.setJdbcUrl(jdbcUrl());
      config.setUsername(user());
      config.setPassword(password());
      config.setMaximumPoolSize(POOL_SIZE);
      config.setMinimumIdle(1);
      pool = new HikariDataSource(config);
    }
    return pool;
  }

  /**
   * Returns the server's version, e.g. {@code 15.20}.
   *
   * @return the short version string
   */
  public String serverVersion() {
    return server.version();
  }

  /**
   * Describes this database for messages, e.g. {@code PostgreSQL 15.20 at 127.0.0.1:5432 (local
   * default), database zdm_t_db_tf3k2a_x81kq0}.
   *
   * @return the description, never containing a password
   */
  public String describe() {
    return server.describe() + ", database " + name;
  }

  @Override
  public String toString() {
    return describe();
  }

  DatabaseServer server() {
    return server;
  }

  /** Closes the pool if one was created; later {@link #dataSource()} calls fail. */
  synchronized void closePool() {
    closed = true;
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }
}
