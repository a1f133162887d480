package dev.zdm.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reachable database server (or H2's in-memory engine) on which the harness creates and drops
 * databases. Immutable and thread-safe; every method opens its own connection.
 */
final class DatabaseServer {
  private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");
  private static final String H2_URL_OPTIONS = ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";

  private final Engine engine;
  private final JdbcUrl adminUrl;
  private final String origin;
  private final String version;

  private DatabaseServer(Engine engine, JdbcUrl adminUrl, String origin, String version) {
    this.engine = engine;
    this.adminUrl = adminUrl;
    this.origin = origin;
    this.version = version;
  }

  /**
   * Connects to {@code adminUrl} with a short connect timeout and reads the server version.
   *
   * @param origin where the URL came from, e.g. {@code local default}
   * @throws SQLException if the server cannot be reached or refuses the credentials
   */
  static DatabaseServer probe(Engine engine, JdbcUrl adminUrl, String origin) throws SQLException {
    try (Connection connection = open(engine, adminUrl)) {
      String version = shortVersion(connection.getMetaData().getDatabaseProductVersion());
      return new DatabaseServer(engine, adminUrl, origin, version);
    }
  }

  /** Returns the H2 in-memory engine, which needs no server. */
  static DatabaseServer h2() {
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:", "sa", "")) {
      String version = shortVersion(connection.getMetaData().getDatabaseProductVersion());
      return new DatabaseServer(Engine.H2, null, "in-memory", version);
    } catch (SQLException e) {
      throw new IllegalStateException("H2 is on the classpath but failed to start", e);
    }
  }

  Engine engine() {
    return engine;
  }

  /** The short version, e.g. {@code 15.20}. */
  String version() {
    return version;
  }

  /** Identifies the server within this JVM, e.g. {@code jdbc:postgresql://127.0.0.1:5432}. */
  String key() {
    return adminUrl == null ? "h2" : adminUrl.scheme() + "//" + adminUrl.authority();
  }

  /** E.g. {@code PostgreSQL 15.20 at 127.0.0.1:5432 (local default)}; never shows a password. */
  String describe() {
    String where = adminUrl == null ? "" : " at " + adminUrl.authority();
    return engine.displayName() + " " + version + where + " (" + origin + ")";
  }

  /**
   * The URL of database {@code name} on this server, with the server's credentials and other
   * parameters; {@code null} for H2 (see {@link #h2Url}).
   */
  JdbcUrl databaseUrl(String name) {
    return adminUrl == null ? null : adminUrl.withDatabase(name);
  }

  /** The H2 URL of in-memory database {@code name}. */
  static String h2Url(String name) {
    return "jdbc:h2:mem:" + name + H2_URL_OPTIONS;
  }

  /** Opens a connection to the admin database (the one the server URL names). */
  Connection connectAdmin() throws SQLException {
    return open(engine, adminUrl);
  }

  /** Creates an empty database {@code name}, which must match {@code [a-z0-9_]+}. */
  void createDatabase(String name) throws SQLException {
    if (engine == Engine.H2) {
      DriverManager.getConnection(h2Url(name), "sa", "").close();
      return;
    }
    String sql =
        engine == Engine.POSTGRES
            ? "CREATE DATABASE " + name + " TEMPLATE template0"
            : "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
    try (Connection connection = connectAdmin();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Drops database {@code name} if it exists, disconnecting any sessions still using it.
   *
   * @throws SQLException if the drop fails
   */
  void dropDatabase(String name) throws SQLException {
    if (engine == Engine.H2) {
      try (Connection connection = DriverManager.getConnection(h2Url(name), "sa", "");
          Statement statement = connection.createStatement()) {
        statement.execute("SHUTDOWN");
      }
      return;
    }
    try (Connection connection = connectAdmin();
        Statement statement = connection.createStatement()) {
      if (engine == Engine.POSTGRES) {
        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } else {
        statement.execute("SET SESSION lock_wait_timeout = 30");
        killMariaDbSessionsUsing(connection, name);
        statement.execute("DROP DATABASE IF EXISTS " + name);
      }
    }
  }

  /** Lists the databases on this server whose names start with {@link DatabaseName#PREFIX}. */
  List<String> harnessDatabases() throws SQLException {
    if (engine == Engine.H2) {
      return List.of();
    }
    String sql =
        engine == Engine.POSTGRES
            ? "SELECT datname FROM pg_database WHERE datname LIKE ?"
            : "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?";
    List<String> names = new ArrayList<>();
    try (Connection connection = connectAdmin();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, DatabaseName.PREFIX.replace("_", "\\_") + "%");
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
    }
    return names;
  }

  /** Opens a connection to {@code url} with its credentials and a ~3 s connect timeout. */
  static Connection open(Engine engine, JdbcUrl url) throws SQLException {
    Properties properties = new Properties();
    if (url.user() != null) {
      properties.setProperty("user", url.user());
    }
    if (url.password() != null) {
      properties.setProperty("password", url.password());
    }
    if (!url.hasParameter("connectTimeout")) {
      properties.setProperty("connectTimeout", engine == Engine.POSTGRES ? "3" : "3000");
    }
    return DriverManager.getConnection(url.toString(), properties);
  }

  private static void killMariaDbSessionsUsing(Connection connection, String name)
      throws SQLException {
    List<Long> sessions = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          sessions.add(rows.getLong(1));
        }
      }
    }
    for (long session : sessions) {
      try (Statement kill = connection.createStatement()) {
        kill.execute("KILL CONNECTION " + session);
      } catch (SQLException alreadyGone) {
        // The session ended between the query and the KILL; nothing to do.
      }
    }
  }

  private static String shortVersion(String productVersion) {
    Matcher matcher = VERSION.matcher(productVersion);
    return matcher.find() ? matcher.group() : productVersion;
  }
}
