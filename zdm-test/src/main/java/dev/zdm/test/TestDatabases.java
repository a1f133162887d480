package dev.zdm.test;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Creates fresh, isolated databases for one test class and drops them all on {@link #close()}.
 *
 * <p>Usually injected by {@link RealDatabases} (see {@link RealDatabaseTest}), which shares one
 * instance between a class's {@code @BeforeAll}, {@code @BeforeEach} and {@code @Test} methods and
 * closes it after the class. Can also be used directly in try-with-resources. Thread-safe.
 */
public final class TestDatabases implements AutoCloseable {
  private static final Random RANDOM = new SecureRandom();

  private final ServerLocator locator;
  private final Clock clock;
  private final List<TestDatabase> created = new ArrayList<>();
  private boolean closed;

  /** Creates an instance using {@link ServerLocator#system()}. */
  public TestDatabases() {
    this(ServerLocator.system());
  }

  /**
   * Creates an instance finding servers with {@code locator}.
   *
   * @param locator where servers come from
   */
  public TestDatabases(ServerLocator locator) {
    this(locator, Clock.systemUTC());
  }

  TestDatabases(ServerLocator locator, Clock clock) {
    this.locator = Objects.requireNonNull(locator, "locator");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Same as {@link #create(Engine, String) create(engine, "db")}.
   *
   * @param engine the engine of the new database
   * @return the new, empty database
   */
  public TestDatabase create(Engine engine) {
    return create(engine, "db");
  }

  /**
   * Creates a brand-new, empty database named {@code zdm_t_<label>_<epoch>_<random>}. The first
   * call per server in this JVM also drops stale databases left by killed runs.
   *
   * @param engine the engine of the new database
   * @param label a word saying what the database is for; reduced to {@code [a-z0-9_]}
   * @return the new, empty database
   * @throws org.opentest4j.TestAbortedException if no server is available for {@code engine} and
   *     the {@code CI} environment variable is not set (the test is skipped)
   * @throws IllegalStateException if no server is available and {@code CI} is set (the test fails),
   *     if the database cannot be created, or if this instance is closed
   */
  public synchronized TestDatabase create(Engine engine, String label) {
    if (closed) {
      throw new IllegalStateException("these test databases have already been closed");
    }
    ServerResolution resolution = locator.locate(engine);
    if (!resolution.isAvailable()) {
      throw locator.unavailableFailure(resolution);
    }
    DatabaseServer server = resolution.server();
    StaleDatabaseSweep.sweepOnce(server, clock.instant());
    String name = DatabaseName.generate(label, clock.instant(), RANDOM);
    try {
      server.createDatabase(name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not create database " + name + " on " + server.describe(), e);
    }
    TestDatabase database = new TestDatabase(server, name);
    created.add(database);
    return database;
  }

  /**
   * Returns whether a server for {@code engine} is available; never skips or fails the test.
   *
   * @param engine the engine asked about
   * @return {@code true} if {@link #create(Engine)} will find a server
   */
  public boolean available(Engine engine) {
    return locator.locate(engine).isAvailable();
  }

  /**
   * Closes the pools handed out, then drops every database this instance created. Idempotent.
   *
   * @throws IllegalStateException if some database could not be dropped, after trying all of them
   *     (a later run's stale sweep removes it)
   */
  @Override
  public synchronized void close() {
    closed = true;
    List<TestDatabase> toDrop = new ArrayList<>(created);
    created.clear();
    IllegalStateException failure = null;
    for (TestDatabase database : toDrop) {
      try {
        database.closePool();
        database.server().dropDatabase(database.name());
      } catch (SQLException | RuntimeException e) {
        if (failure == null) {
          failure = new IllegalStateException("could not drop all zdm test databases");
        }
        failure.addSuppressed(
            new IllegalStateException("could not drop " + database.describe(), e));
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
