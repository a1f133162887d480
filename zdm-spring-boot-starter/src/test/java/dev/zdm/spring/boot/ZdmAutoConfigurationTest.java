package dev.zdm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.zdm.Phase;
import dev.zdm.backfill.BackfillConfig;
import dev.zdm.backfill.BackfillListener;
import dev.zdm.backfill.BackfillProgress;
import dev.zdm.backfill.Checkpoint;
import dev.zdm.jdbc.control.MigrationControl;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import dev.zdm.mapping.TableMapping;
import dev.zdm.spring.boot.actuate.ZdmEndpoint;
import dev.zdm.spring.boot.actuate.ZdmEndpointAutoConfiguration;
import dev.zdm.spring.boot.actuate.ZdmHealthAutoConfiguration;
import dev.zdm.spring.boot.actuate.ZdmHealthIndicator;
import dev.zdm.test.Engine;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auto-configuration's wiring against two fresh PostgreSQL databases (the control detects each
 * engine when it is built); install, relays and the automatic backfill are off unless a test turns
 * them on. The whole migration is in {@link ZdmEndpointMigrationTest}.
 */
class ZdmAutoConfigurationTest {

  private static TestDatabases databases;
  private static String sourceUrl;
  private static String targetUrl;

  @BeforeAll
  static void databases() throws SQLException {
    databases = new TestDatabases();
    TestDatabase source = databases.create(Engine.POSTGRES, "source");
    TestDatabase target = databases.create(Engine.POSTGRES, "target");
    sourceUrl = source.jdbcUrl();
    targetUrl = target.jdbcUrl();
    createTables(source, target);
  }

  private static void createTables(TestDatabase source, TestDatabase target) throws SQLException {
    try (Connection connection = source.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY)");
      statement.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, total NUMERIC(10, 2))");
      statement.execute("CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT, secret TEXT)");
    }
    try (Connection connection = target.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY)");
      statement.execute(
          "CREATE TABLE purchase_orders (id BIGINT PRIMARY KEY, amount NUMERIC(10, 2))");
      statement.execute("CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT)");
    }
  }

  @AfterAll
  static void dropDatabases() {
    databases.close();
  }

  private WebApplicationContextRunner runner() {
    return new WebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                ZdmAutoConfiguration.class,
                ZdmHealthAutoConfiguration.class,
                EndpointAutoConfiguration.class,
                ZdmEndpointAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.url=" + sourceUrl,
            "spring.datasource.username=postgres",
            "zdm.migration=orders-to-pg",
            "zdm.tables[0].name=customers",
            "zdm.tables[1].name=orders",
            "zdm.tables[1].target-table=purchase_orders",
            "zdm.tables[1].renames.total=amount",
            "zdm.target.url=" + targetUrl,
            "zdm.target.username=postgres",
            "zdm.install-on-startup=false",
            "zdm.relay.enabled=false",
            "zdm.backfill.auto-start=false",
            "management.endpoints.web.exposure.include=health,zdm");
  }

  @Test
  void wrapsTheApplicationsDataSourceAndKeepsTheOriginalReachable() {
    runner()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(DataSource.class)).isInstanceOf(DualWriteDataSource.class);
              ZdmDataSources sources = context.getBean(ZdmDataSources.class);
              assertThat(sources.source()).isSameAs(context.getBean("dataSource"));
              assertThat(((HikariDataSource) sources.source()).getJdbcUrl()).isEqualTo(sourceUrl);
              assertThat(((HikariDataSource) sources.target()).getJdbcUrl()).isEqualTo(targetUrl);
              assertThat(context.getBean(MigrationControl.class).migration())
                  .isEqualTo("orders-to-pg");
              assertThat(context).hasSingleBean(ZdmMigration.class);
              assertThat(context).hasSingleBean(ZdmEndpoint.class);
              assertThat(context).hasSingleBean(ZdmHealthIndicator.class);
            });
  }

  @Test
  void bindsPropertiesIntoMappingsAndSettings() {
    runner()
        .withPropertyValues(
            "zdm.relay.partitions=1",
            "zdm.relay.batch-size=50",
            "zdm.backfill.rows-per-second=250",
            "zdm.phase.cutover-wait=9s",
            "zdm.guards.max-lag=3s",
            "zdm.target.hikari.maximum-pool-size=3")
        .run(
            context -> {
              ZdmProperties properties = context.getBean(ZdmProperties.class);
              assertThat(properties.getRelay().getPartitions()).isEqualTo(1);
              assertThat(properties.getRelay().getBatchSize()).isEqualTo(50);
              assertThat(properties.getBackfill().getRowsPerSecond()).isEqualTo(250);
              assertThat(properties.getPhase().getCutoverWait()).isEqualTo(Duration.ofSeconds(9));
              assertThat(properties.getGuards().getMaxLag()).isEqualTo(Duration.ofSeconds(3));
              HikariDataSource target =
                  (HikariDataSource) context.getBean(ZdmDataSources.class).target();
              assertThat(target.getMaximumPoolSize()).isEqualTo(3);
              List<TableMapping> tables = context.getBean(ZdmMappings.class).tables();
              assertThat(tables)
                  .extracting(TableMapping::sourceTable)
                  .containsExactly("customers", "orders");
              assertThat(tables.get(1).targetTable()).isEqualTo("purchase_orders");
              assertThat(tables.get(1).renames()).isEqualTo(Map.of("total", "amount"));
            });
  }

  /**
   * Each customizer's setting wins over the property it overrides and shows in what was built: the
   * control's fence timeout in the cutover's plan, the backfill's ranges and chunk size in its
   * progress and chunks, the data source's phase refresh in the phase it routes by. On two fresh
   * databases, as it moves the migration to DUAL_WRITE and backfills.
   */
  @Test
  void customizersChangeWhatTheyBuild() throws SQLException {
    TestDatabase source = databases.create(Engine.POSTGRES, "customized_source");
    TestDatabase target = databases.create(Engine.POSTGRES, "customized_target");
    createTables(source, target);
    try (Connection connection = source.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO customers SELECT g FROM generate_series(1, 50) g");
      statement.execute("INSERT INTO orders SELECT g, g FROM generate_series(1, 40) g");
    }
    runner()
        .withUserConfiguration(Customizers.class)
        .withPropertyValues(
            "spring.datasource.url=" + source.jdbcUrl(),
            "zdm.target.url=" + target.jdbcUrl(),
            "zdm.install-on-startup=true",
            "zdm.guards.fence-timeout=5s",
            "zdm.phase.refresh=100ms",
            "zdm.backfill.ranges-per-table=16",
            "zdm.backfill.initial-chunk-size=1000")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Customizers customizers = context.getBean(Customizers.class);
              ZdmMigration migration = context.getBean(ZdmMigration.class);
              DualWriteDataSource dataSource = context.getBean(DualWriteDataSource.class);
              assertThat(dataSource.phase().phase()).isEqualTo(Phase.OFF);
              long advanced = System.nanoTime();
              assertThat(migration.advance(Phase.DUAL_WRITE)).isEqualTo(Phase.DUAL_WRITE);

              assertThat(migration.plan(Phase.TARGET_PRIMARY).steps())
                  .as("the fence timeout of the control customizer, not zdm.guards.fence-timeout")
                  .anyMatch(step -> step.contains("wait at most 1234 ms for in-flight writes"));

              migration.backfill().begin();
              await()
                  .atMost(Duration.ofSeconds(30))
                  .until(() -> migration.backfill().state() == ZdmBackfillRunner.State.DONE);
              assertThat(migration.backfill().progress().orElseThrow().tables())
                  .as("ranges of the backfill customizer, not zdm.backfill.ranges-per-table")
                  .extracting(BackfillProgress.Table::ranges)
                  .containsExactly(3, 3);
              assertThat(customizers.chunkRows)
                  .as("chunks of the backfill customizer's size, not 1000 rows")
                  .isNotEmpty()
                  .allSatisfy(rows -> assertThat(rows).isBetween(1, 7));
              assertThat(customizers.chunkRows.stream().mapToInt(Integer::intValue).sum())
                  .isEqualTo(90);

              // the property's 100 ms would have read the new phase by now; the customizer's
              // minute keeps the reading the data source took before the move
              long waited = (System.nanoTime() - advanced) / 1_000_000;
              if (waited < 300) {
                Thread.sleep(300 - waited);
              }
              assertThat(dataSource.phase().phase()).isEqualTo(Phase.OFF);
              dataSource.refreshPhase();
              assertThat(dataSource.phase().phase()).isEqualTo(Phase.DUAL_WRITE);
            });
  }

  @Test
  void usersBeansWin() {
    runner()
        .withUserConfiguration(UserBeans.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(ZdmDataSources.class).target())
                  .isSameAs(context.getBean("userTarget"));
              assertThat(context).doesNotHaveBean(ZdmAutoConfiguration.TARGET_BEAN);
              assertThat(context.getBean(ZdmMappings.class).tables())
                  .extracting(TableMapping::sourceTable)
                  .containsExactly("invoices");
            });
  }

  @Test
  void relaysRunWithTheContextAndStopWithIt() {
    ZdmRelays[] relays = new ZdmRelays[1];
    runner()
        .withPropertyValues("zdm.install-on-startup=true", "zdm.relay.enabled=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              relays[0] = context.getBean(ZdmRelays.class);
              assertThat(relays[0].isRunning()).isTrue();
              assertThat(relays[0].forward()).isPresent();
              assertThat(relays[0].reverse()).isPresent();
              assertThat(context.getBean(ZdmBackfillRunner.class).isRunning()).isTrue();
              assertThat(context.getBean(MigrationControl.class).status().state().phase())
                  .isEqualTo(Phase.OFF);
            });
    assertThat(relays[0].isRunning()).isFalse();
    assertThat(relays[0].forward()).isEmpty();
  }

  @Test
  void aMappingThatDropsColumnsRunsTheForwardRelayOnly() {
    runner()
        .withPropertyValues(
            "zdm.install-on-startup=true",
            "zdm.relay.enabled=true",
            "zdm.tables[0].name=notes",
            "zdm.tables[0].drops=secret")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              ZdmRelays relays = context.getBean(ZdmRelays.class);
              assertThat(relays.forward()).isPresent();
              assertThat(relays.reverse()).isEmpty();
            });
  }

  @Test
  void backsOffWithoutADataSource() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZdmAutoConfiguration.class))
        .withPropertyValues("zdm.migration=orders-to-pg", "zdm.tables[0].name=orders")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ZdmMigration.class);
              assertThat(context).doesNotHaveBean(MigrationControl.class);
            });
  }

  @Test
  void turnsOffWithEnabledFalse() {
    runner()
        .withPropertyValues("zdm.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
              assertThat(context).doesNotHaveBean(ZdmMigration.class);
              assertThat(context).doesNotHaveBean(DualWriteDataSource.class);
              assertThat(context).doesNotHaveBean(ZdmEndpoint.class);
              assertThat(context).doesNotHaveBean(ZdmHealthIndicator.class);
            });
  }

  @Test
  void worksWithoutActuator() {
    runner()
        .withClassLoader(new FilteredClassLoader(Endpoint.class, HealthIndicator.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(ZdmMigration.class);
              assertThat(context).doesNotHaveBean(ZdmEndpoint.class);
              assertThat(context).doesNotHaveBean(ZdmHealthIndicator.class);
            });
  }

  @Test
  void endpointStaysOffUnlessExposed() {
    runner()
        .withPropertyValues("management.endpoints.web.exposure.include=health")
        .run(
            context -> {
              assertThat(context).hasSingleBean(ZdmMigration.class);
              assertThat(context).doesNotHaveBean(ZdmEndpoint.class);
            });
  }

  @Test
  void refusesToStartWithoutATargetNamingTheProperty() {
    runner()
        .withPropertyValues("zdm.target.url=")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("orders-to-pg")
                    .hasMessageContaining("zdm.target.url")
                    .hasMessageContaining("@ZdmTargetDataSource"));
  }

  @Test
  void refusesToStartWithoutTablesNamingTheProperty() {
    new WebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(DataSourceAutoConfiguration.class, ZdmAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.url=" + sourceUrl,
            "zdm.migration=orders-to-pg",
            "zdm.target.url=" + targetUrl)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("orders-to-pg: zdm.tables is empty"));
  }

  /** One customizer of each kind, each overriding a setting the properties also set. */
  @Configuration(proxyBeanMethods = false)
  static class Customizers {
    final List<Integer> chunkRows = new CopyOnWriteArrayList<>();

    @Bean
    ZdmDataSourceCustomizer phaseRefreshOfAMinute() {
      return builder -> builder.phaseRefresh(Duration.ofMinutes(1));
    }

    @Bean
    ZdmControlCustomizer fenceTimeoutOf1234Millis() {
      return builder -> builder.fenceTimeout(Duration.ofMillis(1234));
    }

    @Bean
    ZdmBackfillCustomizer threeRangesOfSevenRowChunks() {
      return builder ->
          builder
              .config(BackfillConfig.builder().rangesPerTable(3).chunkSize(7, 7, 7).build())
              .listener(
                  new BackfillListener() {
                    @Override
                    public void chunkCopied(
                        String migration, Checkpoint checkpoint, int rows, Duration lockTime) {
                      chunkRows.add(rows);
                    }
                  });
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserBeans {
    @Bean(defaultCandidate = false)
    @ZdmTargetDataSource
    HikariDataSource userTarget() {
      HikariDataSource pool = new HikariDataSource();
      pool.setJdbcUrl(targetUrl);
      return pool;
    }

    @Bean
    ZdmMappings userMappings() {
      return new ZdmMappings(List.of(TableMapping.identity("invoices")));
    }
  }
}
