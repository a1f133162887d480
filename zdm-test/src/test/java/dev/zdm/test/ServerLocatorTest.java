package dev.zdm.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.TestAbortedException;

class ServerLocatorTest {
  private static final String CLOSED_PORT_POSTGRES =
      "jdbc:postgresql://127.0.0.1:1/test?user=postgres";
  private static final BooleanSupplier NO_DOCKER = () -> false;

  @Test
  void unreachableUrlFromEnvironmentIsTheOnlyCandidateAndFailsOnCi() {
    AtomicInteger dockerProbes = new AtomicInteger();
    ServerLocator locator =
        new ServerLocator(
            Map.of("CI", "true", ServerLocator.POSTGRES_URL_VARIABLE, CLOSED_PORT_POSTGRES),
            () -> dockerProbes.incrementAndGet() > 0);

    ServerResolution resolution = locator.locate(Engine.POSTGRES);

    assertThat(resolution.isAvailable()).isFalse();
    assertThat(resolution.engine()).isEqualTo(Engine.POSTGRES);
    assertThat(resolution.message())
        .contains("PostgreSQL is not available")
        .contains("ZDM_TEST_POSTGRES_URL=" + CLOSED_PORT_POSTGRES)
        .contains("127.0.0.1:1")
        .contains("only server tried")
        .contains("local PostgreSQL server on 127.0.0.1:5432 user postgres")
        .contains("setting ZDM_TEST_POSTGRES_URL to a JDBC URL with credentials")
        .contains("Docker engine")
        .doesNotContain("local default jdbc");
    assertThat(dockerProbes).hasValue(0);
    assertThat(locator.locate(Engine.POSTGRES)).isSameAs(resolution);

    RuntimeException failure = locator.unavailableFailure(resolution);
    assertThat(failure)
        .isInstanceOf(IllegalStateException.class)
        .isNotInstanceOf(TestAbortedException.class)
        .hasMessageContaining("PostgreSQL")
        .hasMessageContaining("ZDM_TEST_POSTGRES_URL")
        .hasMessageContaining("CI is set");
  }

  @Test
  void missingServerAbortsOutsideCi() {
    ServerLocator locator =
        new ServerLocator(
            Map.of("CI", "false", ServerLocator.POSTGRES_URL_VARIABLE, CLOSED_PORT_POSTGRES),
            NO_DOCKER);

    RuntimeException failure = locator.unavailableFailure(locator.locate(Engine.POSTGRES));

    assertThat(failure)
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("ZDM_TEST_POSTGRES_URL");
    assertThatThrownBy(() -> new TestDatabases(locator).create(Engine.POSTGRES))
        .isInstanceOf(TestAbortedException.class);
  }

  @Test
  void missingServerFailsCreateOnCi() {
    ServerLocator locator =
        new ServerLocator(
            Map.of("CI", "1", ServerLocator.MARIADB_URL_VARIABLE, "jdbc:mariadb://127.0.0.1:1/x"),
            NO_DOCKER);

    try (TestDatabases databases = new TestDatabases(locator)) {
      assertThat(databases.available(Engine.MARIADB)).isFalse();
      assertThatThrownBy(() -> databases.create(Engine.MARIADB))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("MariaDB is not available")
          .hasMessageContaining("ZDM_TEST_MARIADB_URL")
          .hasMessageContaining("127.0.0.1:3306 user root");
    }
  }

  @Test
  void withoutLocalServerOrDockerSaysWhatWasTried() {
    ServerLocator locator =
        new ServerLocator(
            Map.of(),
            NO_DOCKER,
            Map.of(Engine.POSTGRES, "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres"));

    ServerResolution resolution = locator.locate(Engine.POSTGRES);

    assertThat(resolution.isAvailable()).isFalse();
    assertThat(resolution.message())
        .contains("local default jdbc:postgresql://127.0.0.1:1/postgres (user postgres)")
        .contains("Testcontainers -> no Docker engine found")
        .contains("postgres:17-alpine")
        .doesNotContain("only server tried");
  }

  @Test
  void passwordsNeverAppearInMessages() {
    Map<String, String> environment = new HashMap<>();
    environment.put(
        ServerLocator.POSTGRES_URL_VARIABLE,
        "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=secret");
    // A real server refusing the password, when one runs locally.
    environment.put(
        ServerLocator.MARIADB_URL_VARIABLE,
        "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=secret");
    ServerLocator locator = new ServerLocator(environment, NO_DOCKER);

    for (Engine engine : new Engine[] {Engine.POSTGRES, Engine.MARIADB}) {
      ServerResolution resolution = locator.locate(engine);
      assertThat(resolution.isAvailable()).isFalse();
      assertThat(resolution.message()).contains("password=***").doesNotContain("secret");
      assertThat(locator.unavailableFailure(resolution).getMessage()).doesNotContain("secret");
    }
  }

  @Test
  void malformedOrMismatchedUrlsAreUnavailableWithoutShowingThePassword() {
    ServerLocator locator =
        new ServerLocator(
            Map.of(
                ServerLocator.POSTGRES_URL_VARIABLE, "postgres://db/x?password=secret",
                ServerLocator.MARIADB_URL_VARIABLE, "jdbc:postgresql://127.0.0.1:5432/x"),
            NO_DOCKER);

    assertThat(locator.locate(Engine.POSTGRES).message())
        .contains("not a jdbc:")
        .doesNotContain("secret");
    assertThat(locator.locate(Engine.MARIADB).message()).contains("must start with jdbc:mariadb:");
  }

  @Test
  void urlFromEnvironmentIsUsedAndItsPasswordOnlyGivenOnRequest() throws Exception {
    String url =
        "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=secret"
            + "&ApplicationName=zdm-test";
    ServerLocator locator =
        new ServerLocator(Map.of(ServerLocator.POSTGRES_URL_VARIABLE, url), NO_DOCKER);
    ServerResolution resolution = locator.locate(Engine.POSTGRES);
    assumeTrue(resolution.isAvailable(), resolution::message);

    assertThat(resolution.message())
        .contains("PostgreSQL ")
        .contains("at 127.0.0.1:5432 (ZDM_TEST_POSTGRES_URL)")
        .doesNotContain("secret");
    try (TestDatabases databases = new TestDatabases(locator)) {
      TestDatabase database = databases.create(Engine.POSTGRES, "env");
      assertThat(database.jdbcUrl())
          .isEqualTo(
              "jdbc:postgresql://127.0.0.1:5432/" + database.name() + "?ApplicationName=zdm-test");
      assertThat(database.user()).isEqualTo("postgres");
      assertThat(database.password()).isEqualTo("secret");
      assertThat(database.jdbcUrlWithCredentials()).endsWith("&user=postgres&password=secret");
      assertThat(database.describe()).doesNotContain("secret");
      assertThat(database.toString()).doesNotContain("secret");
      try (Connection connection = database.connect()) {
        assertThat(connection.getCatalog()).isEqualTo(database.name());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"POSTGRES", "MARIADB"})
  void findsTheLocalDefaultServer(Engine engine) {
    ServerResolution resolution = new ServerLocator(Map.of(), NO_DOCKER).locate(engine);
    assumeTrue(resolution.isAvailable(), resolution::message);

    assertThat(resolution.message())
        .matches(
            "zdm-test: "
                + engine.displayName()
                + " \\d+(\\.\\d+)+ at 127\\.0\\.0\\.1:\\d+ \\(local default\\) is available");
  }

  @ParameterizedTest
  @CsvSource(
      value = {"true,true", "1,true", "yes,true", "false,false", "FALSE,false", "'',false"},
      nullValues = "null")
  void ciModeFollowsTheCiVariable(String value, boolean expected) {
    assertThat(new ServerLocator(Map.of("CI", value), NO_DOCKER).ciMode()).isEqualTo(expected);
    assertThat(new ServerLocator(Map.of(), NO_DOCKER).ciMode()).isFalse();
  }

  @Test
  void anAvailableResolutionIsNoFailure() {
    ServerLocator locator = new ServerLocator(Map.of(), NO_DOCKER);
    ServerResolution h2 = locator.locate(Engine.H2);

    assertThat(h2.isAvailable()).isTrue();
    assertThat(h2.toString()).contains("H2 ").contains("(in-memory)");
    assertThatThrownBy(() -> locator.unavailableFailure(h2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
