package dev.zdm.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Test classes run by {@link RealDatabasesTest} through the JUnit launcher, never directly: their
 * names end in neither {@code Test} nor {@code Tests}, and Surefire skips nested classes.
 */
final class RealDatabasesSamples {
  private RealDatabasesSamples() {}

  /** Records every injected instance and created database. */
  @RealDatabaseTest
  static class SharingSample {
    static final List<TestDatabases> SEEN = new CopyOnWriteArrayList<>();
    static final List<TestDatabase> CREATED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void createShared(TestDatabases databases) {
      SEEN.add(databases);
      CREATED.add(databases.create(Engine.H2, "shared"));
    }

    @BeforeEach
    void beforeEach(TestDatabases databases) {
      SEEN.add(databases);
    }

    @Test
    void createsPostgres(TestDatabases databases) {
      SEEN.add(databases);
      CREATED.add(databases.create(Engine.POSTGRES, "sample"));
    }

    @Test
    void createsMariaDb(TestDatabases databases) {
      SEEN.add(databases);
      CREATED.add(databases.create(Engine.MARIADB, "sample"));
    }

    @RepeatedTest(2)
    void repeats(TestDatabases databases) {
      SEEN.add(databases);
    }
  }

  /** Creates a table {@code shared} in a fresh PostgreSQL database and expects it new. */
  @RealDatabaseTest
  static class IsolationSample {
    @Test
    void ownsItsDatabase(TestDatabases databases) throws SQLException {
      TestDatabase database = databases.create(Engine.POSTGRES, "isolation");
      assertThat(DatabaseExistence.tables(database)).isEmpty();
      try (Connection connection = database.connect();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE shared (id INT)");
      }
    }
  }

  /** The same as {@link IsolationSample}, as a second class. */
  @RealDatabaseTest
  static class OtherIsolationSample extends IsolationSample {}

  /** Creates a PostgreSQL database in {@code @BeforeAll}, from a server that is not there. */
  abstract static class MissingServerSample {
    static ServerLocator closedPort(String ci) {
      return new ServerLocator(
          Map.of("CI", ci, ServerLocator.POSTGRES_URL_VARIABLE, "jdbc:postgresql://127.0.0.1:1/x"),
          () -> false);
    }

    @BeforeAll
    static void createDatabase(TestDatabases databases) {
      databases.create(Engine.POSTGRES);
    }

    @Test
    void neverRuns() {
      throw new AssertionError("@BeforeAll should have stopped the class");
    }
  }

  /** {@link MissingServerSample} with {@code CI=true}. */
  static class MissingServerOnCiSample extends MissingServerSample {
    @RegisterExtension static final RealDatabases DATABASES = new RealDatabases(closedPort("true"));
  }

  /** {@link MissingServerSample} without {@code CI}. */
  static class MissingServerLocallySample extends MissingServerSample {
    @RegisterExtension static final RealDatabases DATABASES = new RealDatabases(closedPort(""));
  }
}
