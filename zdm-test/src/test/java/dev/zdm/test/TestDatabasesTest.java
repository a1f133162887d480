package dev.zdm.test;

import static dev.zdm.test.DatabaseExistence.exists;
import static dev.zdm.test.DatabaseExistence.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestDatabasesTest {
  @ParameterizedTest
  @EnumSource(Engine.class)
  void createsDistinctWorkingEmptyDatabases(Engine engine) throws SQLException {
    try (TestDatabases databases = new TestDatabases()) {
      TestDatabase first = databases.create(engine, "first");
      TestDatabase second = databases.create(engine);

      assertThat(first.engine()).isEqualTo(engine);
      assertThat(first.name()).startsWith("zdm_t_first_").isNotEqualTo(second.name());
      assertThat(second.name()).startsWith("zdm_t_db_");
      assertThat(first.jdbcUrl()).contains(first.name()).doesNotContain("password");
      assertThat(first.serverVersion()).matches("\\d+(\\.\\d+)+");
      assertThat(first.describe()).startsWith(engine.displayName()).contains(first.name());
      assertThat(tables(first)).isEmpty();
      assertThat(tables(second)).isEmpty();

      try (Connection connection = first.connect();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE widget (id INT PRIMARY KEY)");
        statement.execute("INSERT INTO widget VALUES (1)");
      }

      assertThat(tables(first)).containsExactly("widget");
      assertThat(tables(second)).isEmpty();
      assertThat(count(first, "widget")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void handsOutOnePoolPerDatabase(Engine engine) throws SQLException {
    TestDatabases databases = new TestDatabases();
    try {
      TestDatabase database = databases.create(engine, "pool");

      HikariDataSource pool = (HikariDataSource) database.dataSource();

      assertThat(database.dataSource()).isSameAs(pool);
      assertThat(pool.getPoolName()).contains(database.name());
      assertThat(pool.getMaximumPoolSize()).isEqualTo(8);
      try (Connection connection = pool.getConnection();
          ResultSet rows = connection.createStatement().executeQuery("SELECT 1")) {
        assertThat(rows.next()).isTrue();
      }
      databases.close();
      assertThat(pool.isClosed()).isTrue();
      assertThatThrownBy(database::dataSource).isInstanceOf(IllegalStateException.class);
    } finally {
      databases.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void closeDropsEveryDatabaseEvenWithSessionsStillOpen(Engine engine) throws SQLException {
    TestDatabases databases = new TestDatabases();
    TestDatabase first = databases.create(engine, "drop");
    TestDatabase second = databases.create(engine, "drop");
    first.dataSource();
    assertThat(exists(first)).isTrue();
    assertThat(exists(second)).isTrue();

    try (Connection leaked = first.connect();
        Statement statement = leaked.createStatement()) {
      statement.execute("CREATE TABLE held (id INT)");
      leaked.setAutoCommit(false);
      statement.execute("SELECT * FROM held FOR UPDATE");

      databases.close();
    } catch (SQLException expectedForTheKilledSession) {
      // The harness disconnects sessions still using the database; closing them may then fail.
    }

    assertThat(exists(first)).isFalse();
    assertThat(exists(second)).isFalse();
    databases.close();
    assertThatThrownBy(() -> databases.create(engine))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void h2IsAlwaysAvailable() {
    try (TestDatabases databases = new TestDatabases()) {
      assertThat(databases.available(Engine.H2)).isTrue();
    }
  }

  private static int count(TestDatabase database, String table) throws SQLException {
    try (Connection connection = database.connect();
        ResultSet rows =
            connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
