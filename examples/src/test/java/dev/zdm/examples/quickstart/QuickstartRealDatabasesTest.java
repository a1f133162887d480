package dev.zdm.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The quickstart against real servers, through {@code --source-url}/{@code --target-url} with the
 * credentials in the URLs: it stops at TARGET_PRIMARY with both sides equal, and a second run
 * finishes the migration.
 */
@RealDatabaseTest
class QuickstartRealDatabasesTest {

  @Test
  void postgresToPostgres(TestDatabases databases) throws SQLException {
    migrate(
        databases.create(Engine.POSTGRES, "source"), databases.create(Engine.POSTGRES, "target"));
  }

  @Test
  void mariaDbToPostgres(TestDatabases databases) throws SQLException {
    migrate(
        databases.create(Engine.MARIADB, "source"), databases.create(Engine.POSTGRES, "target"));
  }

  private static void migrate(TestDatabase sourceDb, TestDatabase targetDb) throws SQLException {
    String source = sourceDb.jdbcUrlWithCredentials();
    String target = targetDb.jdbcUrlWithCredentials();

    QuickstartTest.Run first =
        QuickstartTest.run(QuickstartTest.small(source, target, "--until", "TARGET_PRIMARY"));

    assertThat(first.status()).as(first.output()).isZero();
    assertThat(first.output())
        .contains("zdm quickstart: " + name(sourceDb.engine()) + " -> " + name(targetDb.engine()))
        .containsPattern("cutover: fenced switch to the target: write pause \\d+ ms")
        .contains("stopped after TARGET_PRIMARY as asked");
    QuickstartTest.assertTablesEqual(source, target);

    QuickstartTest.Run second = QuickstartTest.run(QuickstartTest.small(source, target));

    assertThat(second.status()).as(second.output()).isZero();
    assertThat(second.output())
        .contains("continuing the migration from TARGET_PRIMARY")
        .contains("TARGET_ONLY: capture removed on both sides")
        .contains("OK: every verification clean, no request failed");
  }

  private static String name(Engine engine) {
    return engine == Engine.POSTGRES ? "postgresql" : "mariadb";
  }
}
