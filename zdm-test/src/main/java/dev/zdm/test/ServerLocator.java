package dev.zdm.test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a server per {@link Engine}, trying in order: the {@code ZDM_TEST_POSTGRES_URL} / {@code
 * ZDM_TEST_MARIADB_URL} environment variable (if set, the only candidate), the local default server
 * (PostgreSQL {@code 127.0.0.1:5432} user {@code postgres}, MariaDB {@code 127.0.0.1:3306} user
 * {@code root}, both without a password), then Testcontainers when a Docker engine is available.
 *
 * <p>MariaDB URLs get {@code sslMode=disable} unless they set {@code sslMode} or {@code useSsl}
 * (MariaDB Connector/J 4 requires TLS by default).
 *
 * <p>Each engine is resolved once per locator and the result cached; {@link #system()} is the
 * JVM-wide instance, so each server is probed and logged once per JVM. Thread-safe.
 */
public final class ServerLocator {
  /** Environment variable naming the PostgreSQL server to use. */
  public static final String POSTGRES_URL_VARIABLE = "ZDM_TEST_POSTGRES_URL";

  /** Environment variable naming the MariaDB server to use. */
  public static final String MARIADB_URL_VARIABLE = "ZDM_TEST_MARIADB_URL";

  private static final Logger LOG = LoggerFactory.getLogger(ServerLocator.class);
  private static final Map<Engine, String> LOCAL_DEFAULTS =
      Map.of(
          Engine.POSTGRES, "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
          Engine.MARIADB, "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=");
  private static final ServerLocator SYSTEM =
      new ServerLocator(System.getenv(), ContainerServers::dockerAvailable);

  private final Map<String, String> environment;
  private final BooleanSupplier dockerAvailable;
  private final Map<Engine, String> localDefaults;
  private final Map<Engine, ServerResolution> resolutions = new EnumMap<>(Engine.class);

  /**
   * Creates a locator reading {@code environment} instead of the process environment.
   *
   * @param environment the environment variables ({@code CI}, {@code ZDM_TEST_*_URL})
   * @param dockerAvailable asked, at most once per engine, whether Testcontainers may be used
   */
  public ServerLocator(Map<String, String> environment, BooleanSupplier dockerAvailable) {
    this(environment, dockerAvailable, LOCAL_DEFAULTS);
  }

  /** As the public constructor, with other local default URLs (tests use closed ports). */
  ServerLocator(
      Map<String, String> environment,
      BooleanSupplier dockerAvailable,
      Map<Engine, String> localDefaults) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    this.dockerAvailable = Objects.requireNonNull(dockerAvailable, "dockerAvailable");
    this.localDefaults = Map.copyOf(localDefaults);
  }

  /**
   * Returns the JVM-wide locator using {@link System#getenv()} and Testcontainers' Docker probe.
   *
   * @return the shared instance
   */
  public static ServerLocator system() {
    return SYSTEM;
  }

  /**
   * Finds a server for {@code engine}, or says why there is none. The first call per engine may
   * take a few seconds (connect timeouts, container start); later calls return the cached result.
   *
   * @param engine the engine wanted
   * @return the resolution, never {@code null}; never throws for an unreachable server
   */
  public synchronized ServerResolution locate(Engine engine) {
    ServerResolution resolution = resolutions.get(engine);
    if (resolution == null) {
      resolution = resolve(engine);
      resolutions.put(engine, resolution);
      if (resolution.isAvailable()) {
        LOG.info("zdm-test: {}", resolution.server().describe());
      } else {
        LOG.warn("{}", resolution.message());
      }
    }
    return resolution;
  }

  /**
   * Returns whether the {@code CI} environment variable is set (non-empty and not {@code false}),
   * in which case a missing server fails tests instead of skipping them.
   *
   * @return {@code true} on CI
   */
  public boolean ciMode() {
    String ci = environment.get("CI");
    return ci != null && !ci.isBlank() && !ci.trim().equalsIgnoreCase("false");
  }

  /**
   * Turns an unavailable resolution into the exception a test should throw: an {@link
   * IllegalStateException} (the test fails) in {@link #ciMode() CI mode}, otherwise a {@link
   * TestAbortedException} (the test is skipped, as by {@code Assumptions.abort}).
   *
   * @param unavailable a resolution that is not {@link ServerResolution#isAvailable() available}
   * @return the exception to throw, carrying the resolution's message
   * @throws IllegalArgumentException if the resolution is available
   */
  public RuntimeException unavailableFailure(ServerResolution unavailable) {
    if (unavailable.isAvailable()) {
      throw new IllegalArgumentException("server is available: " + unavailable.message());
    }
    return ciMode()
        ? new IllegalStateException(unavailable.message() + "\nCI is set, so this is a failure.")
        : new TestAbortedException(
            unavailable.message() + "\nSkipping; with CI=true this would be a failure.");
  }

  private ServerResolution resolve(Engine engine) {
    if (engine == Engine.H2) {
      return ServerResolution.available(DatabaseServer.h2());
    }
    String variable = engine == Engine.POSTGRES ? POSTGRES_URL_VARIABLE : MARIADB_URL_VARIABLE;
    String fromEnvironment = environment.get(variable);
    List<String> tried = new ArrayList<>();
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      String url = fromEnvironment.trim();
      try {
        return ServerResolution.available(probe(engine, JdbcUrl.parse(url), variable));
      } catch (SQLException | IllegalArgumentException e) {
        tried.add(variable + "=" + JdbcUrl.redact(url) + " -> " + safeMessage(e, passwordIn(url)));
        return ServerResolution.unavailable(engine, UnavailableMessage.build(engine, tried, true));
      }
    }
    JdbcUrl local = JdbcUrl.parse(localDefaults.get(engine));
    try {
      return ServerResolution.available(probe(engine, local, "local default"));
    } catch (SQLException e) {
      tried.add(
          "local default "
              + local
              + " (user "
              + local.user()
              + ") -> "
              + safeMessage(e, local.password()));
    }
    if (dockerAvailable.getAsBoolean()) {
      String image = ContainerServers.image(engine);
      try {
        JdbcUrl container = ContainerServers.start(engine);
        return ServerResolution.available(probe(engine, container, "Testcontainers " + image));
      } catch (SQLException | RuntimeException e) {
        tried.add("Testcontainers " + image + " -> " + safeMessage(e, null));
      }
    } else {
      tried.add("Testcontainers -> no Docker engine found");
    }
    return ServerResolution.unavailable(engine, UnavailableMessage.build(engine, tried, false));
  }

  private static DatabaseServer probe(Engine engine, JdbcUrl url, String origin)
      throws SQLException {
    String expected = engine == Engine.POSTGRES ? "jdbc:postgresql:" : "jdbc:mariadb:";
    if (!url.scheme().equals(expected)) {
      throw new IllegalArgumentException(
          "a " + engine.displayName() + " URL must start with " + expected + "//");
    }
    JdbcUrl withDefaults = url;
    if (engine == Engine.MARIADB && !url.hasParameter("useSsl")) {
      // Connector/J 4 requires TLS by default; test servers rarely offer it.
      withDefaults = url.withDefaultParameter("sslMode", "disable");
    }
    return DatabaseServer.probe(engine, withDefaults, origin);
  }

  /** The exception's message with {@code password} and any password URL parameter masked. */
  private static String safeMessage(Exception e, String password) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    if (password != null && !password.isEmpty()) {
      message = message.replace(password, "***");
    }
    return JdbcUrl.redact(message.strip());
  }

  private static String passwordIn(String url) {
    try {
      return JdbcUrl.parse(url).password();
    } catch (IllegalArgumentException unparseable) {
      return null;
    }
  }
}
