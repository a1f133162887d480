package dev.zdm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zdm.Phase;
import dev.zdm.spring.boot.actuate.ZdmHealthAutoConfiguration;
import dev.zdm.spring.boot.actuate.ZdmHealthIndicator;
import dev.zdm.test.Engine;
import dev.zdm.test.TcpProxy;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code zdm} health contributor on real PostgreSQL, each database behind a TCP proxy that can
 * be cut: UP, then LAGGING while changes wait (the relay is off in this instance), DEGRADED when
 * the target goes away (the source still serves), DOWN when the source goes away too.
 */
class ZdmHealthIndicatorTest {

  private static TestDatabases databases;
  private static TestDatabase source;
  private static TestDatabase target;

  @BeforeAll
  static void databases() throws SQLException {
    databases = new TestDatabases();
    source = databases.create(Engine.POSTGRES, "health_source");
    target = databases.create(Engine.POSTGRES, "health_target");
    for (TestDatabase db : new TestDatabase[] {source, target}) {
      try (Connection connection = db.connect();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT)");
      }
    }
  }

  @AfterAll
  static void dropDatabases() {
    databases.close();
  }

  @Test
  void reportsUpThenLaggingThenDegradedThenDown() {
    try (TcpProxy sourceProxy = TcpProxy.inFrontOf(source.jdbcUrl());
        TcpProxy targetProxy = TcpProxy.inFrontOf(target.jdbcUrl())) {
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  ZdmAutoConfiguration.class,
                  ZdmHealthAutoConfiguration.class))
          .withPropertyValues(
              "spring.datasource.url=" + sourceProxy.rewrite(source.jdbcUrl()),
              "spring.datasource.username=" + source.user(),
              "spring.datasource.password=" + source.password(),
              "spring.datasource.hikari.connection-timeout=1000",
              "zdm.migration=health",
              "zdm.tables[0].name=items",
              "zdm.target.url=" + targetProxy.rewrite(target.jdbcUrl()),
              "zdm.target.username=" + target.user(),
              "zdm.target.password=" + target.password(),
              "zdm.target.hikari.connection-timeout=1s",
              "zdm.relay.enabled=false",
              "zdm.backfill.auto-start=false",
              "zdm.health.lag-threshold=200ms")
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                ZdmHealthIndicator health = context.getBean(ZdmHealthIndicator.class);
                assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                assertThat(health.health().getDetails())
                    .containsEntry("phase", "OFF")
                    .containsEntry("source", "reachable")
                    .containsEntry("target", "reachable")
                    .containsEntry("forwardBreaker", "NOT_RUNNING");

                context.getBean(ZdmMigration.class).advance(Phase.DUAL_WRITE);
                try (Connection connection = context.getBean(DataSource.class).getConnection();
                    Statement statement = connection.createStatement()) {
                  statement.execute("INSERT INTO items VALUES (1, 'waits in the outbox')");
                }
                await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> health.health().getStatus().equals(ZdmHealthIndicator.LAGGING));
                assertThat(health.health().getDetails()).containsEntry("outboxDepth", 1L);

                targetProxy.cut();
                Health degraded = health.health();
                assertThat(degraded.getStatus()).isEqualTo(ZdmHealthIndicator.DEGRADED);
                assertThat(degraded.getDetails()).containsEntry("source", "reachable");
                assertThat((String) degraded.getDetails().get("target")).startsWith("unreachable");

                sourceProxy.cut();
                assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
              });
    }
  }
}
