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
    this.url = adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("bench-" + label);
    this.pool = new HikariDataSource(config);
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
