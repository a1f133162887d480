package dev.zdm.test;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Testcontainers-backed servers, started at most once per JVM and left to Ryuk to stop. All
 * Testcontainers types stay inside this class so that nothing loads them unless needed.
 * Thread-safe.
 */
final class ContainerServers {
  static final String POSTGRES_IMAGE = "postgres:17-alpine";
  static final String MARIADB_IMAGE = "mariadb:11.4";

  private static JdbcDatabaseContainer<?> postgres;
  private static JdbcDatabaseContainer<?> mariadb;

  private ContainerServers() {}

  /** Whether Testcontainers finds a usable Docker engine; never throws. */
  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** The image used for {@code engine}. */
  static String image(Engine engine) {
    return engine == Engine.POSTGRES ? POSTGRES_IMAGE : MARIADB_IMAGE;
  }

  /**
   * Starts (once) the container for {@code engine} and returns its admin URL with credentials.
   *
   * @throws RuntimeException if the container cannot start
   */
  @SuppressWarnings("resource") // Ryuk stops the containers when the JVM exits.
  static synchronized JdbcUrl start(Engine engine) {
    JdbcDatabaseContainer<?> container;
    if (engine == Engine.POSTGRES) {
      if (postgres == null) {
        PostgreSQLContainer started = new PostgreSQLContainer(POSTGRES_IMAGE);
        started.start();
        postgres = started;
      }
      container = postgres;
    } else if (engine == Engine.MARIADB) {
      if (mariadb == null) {
        // root, so that the harness may CREATE and DROP databases.
        MariaDBContainer started =
            new MariaDBContainer(MARIADB_IMAGE).withUsername("root").withPassword("zdm");
        started.start();
        mariadb = started;
      }
      container = mariadb;
    } else {
      throw new IllegalArgumentException(engine + " needs no container");
    }
    return JdbcUrl.parse(container.getJdbcUrl())
        .withCredentials(container.getUsername(), container.getPassword());
  }
}
