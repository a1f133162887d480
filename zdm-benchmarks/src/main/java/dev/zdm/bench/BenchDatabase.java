package dev.zdm.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A scratch database (PostgreSQL, or MariaDB through {@link #mariaDb}) for one benchmark run,
 * created from an admin URL and dropped when closed.
 */
final class BenchDatabase implements AutoCloseable {

  private final String adminUrl;
  private final boolean mariaDb;
  final String name;
  final String url;
  final HikariDataSource pool;

  BenchDatabase(String adminUrl, String label, int poolSize) throws SQLException {
    this(adminUrl, label, poolSize, false);
  }

  private BenchDatabase(String adminUrl, String label, int poolSize, boolean mariaDb)
      throws SQLException {
    this.adminUrl = adminUrl;
    this.mariaDb = mariaDb;
    this.name = "zdm_bench_" + label + "_" + Long.toString(System.nanoTime(), 36);
    try (Connection admin = DriverManager.getConnection(adminUrl);
        Statement statement = admin.createStatement()) {
      statement.execute(
          "CREATE DATABASE "
              + name
              + (mariaDb ? " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" : " TEMPLATE template0"));
    }
    this.url = withDatabase(adminUrl, name);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("bench-" + label);
    this.pool = new HikariDataSource(config);
  }

  /**
   * The JDBC URL {@code url} with its database path set to {@code database}, whether the URL names
   * a database ({@code jdbc:postgresql://h:5432/test?ssl=false}) or none ({@code
   * jdbc:mariadb://h:3306}, {@code jdbc:mariadb://h:3306/?user=root}).
   */
  static String withDatabase(String url, String database) {
    int authority = url.indexOf("//");
    if (authority < 0) {
      throw new IllegalArgumentException(
          "benchmark database URL has no //host part; pass one such as"
              + " jdbc:postgresql://127.0.0.1:5432/test");
    }
    int query = url.indexOf('?', authority + 2);
    int end = query < 0 ? url.length() : query;
    int path = url.indexOf('/', authority + 2);
    int start = path < 0 || path > end ? end : path;
    return url.substring(0, start) + "/" + database + url.substring(end);
  }

  /** A scratch MariaDB database (utf8mb4, binary collation) created through {@code adminUrl}. */
  static BenchDatabase mariaDb(String adminUrl, String label, int poolSize) throws SQLException {
    return new BenchDatabase(adminUrl, label, poolSize, true);
  }

  void execute(String... statements) throws SQLException {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    pool.close();
    try (Connection admin = DriverManager.getConnection(adminUrl);
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + (mariaDb ? "" : " WITH (FORCE)"));
    }
  }
}
