package dev.zdm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zdm.Phase;
import dev.zdm.control.InstrumentReport;
import dev.zdm.jdbc.canary.ReadCanary;
import dev.zdm.jdbc.canary.RouteScope;
import dev.zdm.jdbc.control.MigrationControl;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import dev.zdm.jdbc.datasource.StatementObserver;
import dev.zdm.jdbc.rollback.RollbackPolicy;
import dev.zdm.jdbc.shadow.ShadowReads;
import dev.zdm.spring.boot.actuate.ZdmHealthAutoConfiguration;
import dev.zdm.test.Engine;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import jakarta.servlet.FilterChain;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Shadow reads, the read canary and the automatic rollback policy in the starter, against two fresh
 * PostgreSQL databases: off by default, built from {@code zdm.shadow-reads.*}, {@code zdm.canary.*}
 * and {@code zdm.auto-rollback.*} when enabled, attached to the control, replaced by the
 * application's own beans, refused with the property's name, stopped with the context.
 */
class ZdmInstrumentsAutoConfigurationTest {

  private static TestDatabases databases;
  private static String sourceUrl;
  private static String targetUrl;

  @BeforeAll
  static void databases() throws SQLException {
    databases = new TestDatabases();
    TestDatabase source = databases.create(Engine.POSTGRES, "instr_source");
    TestDatabase target = databases.create(Engine.POSTGRES, "instr_target");
    sourceUrl = source.jdbcUrl();
    targetUrl = target.jdbcUrl();
    for (TestDatabase db : new TestDatabase[] {source, target}) {
      try (Connection connection = db.connect();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE items (id BIGINT PRIMARY KEY)");
      }
    }
  }

  @AfterAll
  static void dropDatabases() {
    databases.close();
  }

  private ApplicationContextRunner runner(String migration) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                ZdmAutoConfiguration.class,
                ZdmHealthAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.url=" + sourceUrl,
            "spring.datasource.username=postgres",
            "zdm.migration=" + migration,
            "zdm.tables[0].name=items",
            "zdm.target.url=" + targetUrl,
            "zdm.target.username=postgres",
            "zdm.relay.enabled=false",
            "zdm.backfill.auto-start=false");
  }

  private static final String[] ALL_ON = {
    "zdm.shadow-reads.enabled=true",
    "zdm.shadow-reads.sample-one-in=4",
    "zdm.shadow-reads.workers=2",
    "zdm.shadow-reads.queue-capacity=50",
    "zdm.shadow-reads.time-limit=1s",
    "zdm.shadow-reads.recheck-delay=100ms",
    "zdm.shadow-reads.rechecks=3",
    "zdm.shadow-reads.max-rows=500",
    "zdm.shadow-reads.drain-on-close=25",
    "zdm.shadow-reads.side-effect-functions=audit_touch,next_invoice_no",
    "zdm.shadow-reads.key-columns.order_lines=order_id,line_no",
    "zdm.shadow-reads.include-values=true",
    "zdm.canary.enabled=true",
    "zdm.canary.percentage=12.5",
    "zdm.canary.allow=vip-1,vip-2",
    "zdm.canary.deny=staff-1",
    "zdm.canary.max-lag=2s",
    "zdm.canary.lag-refresh=250ms",
    "zdm.canary.in-dual-write=true",
    "zdm.auto-rollback.enabled=true",
    "zdm.auto-rollback.dry-run=true",
    "zdm.auto-rollback.max-error-rate=7.5",
    "zdm.auto-rollback.max-p95-latency=300ms",
    "zdm.auto-rollback.window=20s",
    "zdm.auto-rollback.minimum-calls=40",
    "zdm.auto-rollback.cool-down=1m",
    "zdm.auto-rollback.evaluation-interval=100ms",
    "zdm.auto-rollback.max-samples=5000",
    "zdm.auto-rollback.ignored-sql-states=23,40001"
  };

  @Test
  void offByDefault() {
    runner("instr-off")
        .withPropertyValues("zdm.install-on-startup=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ShadowReads.class);
              assertThat(context).doesNotHaveBean(ReadCanary.class);
              assertThat(context).doesNotHaveBean(RollbackPolicy.class);
              assertThat(context.getBean(DualWriteDataSource.class).shadowReader()).isEmpty();
              ZdmInstruments instruments = context.getBean(ZdmInstruments.class);
              assertThat(instruments.shadowReader()).isEmpty();
              assertThat(instruments.canary()).isEmpty();
              assertThat(instruments.rollbackPolicy()).isEmpty();
            });
  }

  @Test
  void bindsBuildsAndAttachesThemWhenEnabledAndClosesThemWithTheContext() {
    runner("instr-on")
        .withPropertyValues(ALL_ON)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              ZdmProperties properties = context.getBean(ZdmProperties.class);
              ShadowReadsProperties shadow = properties.getShadowReads();
              assertThat(shadow.getSampleOneIn()).isEqualTo(4L);
              assertThat(shadow.getTimeLimit()).isEqualTo(Duration.ofSeconds(1));
              assertThat(shadow.getSideEffectFunctions())
                  .containsExactly("audit_touch", "next_invoice_no");
              assertThat(shadow.getKeyColumns())
                  .isEqualTo(Map.of("order_lines", List.of("order_id", "line_no")));
              assertThat(shadow.isIncludeValues()).isTrue();
              CanaryProperties canary = properties.getCanary();
              assertThat(canary.getAllow()).containsExactly("vip-1", "vip-2");
              assertThat(canary.getLagRefresh()).isEqualTo(Duration.ofMillis(250));
              assertThat(canary.isInDualWrite()).isTrue();
              AutoRollbackProperties rollback = properties.getAutoRollback();
              assertThat(rollback.getMaxP95Latency()).isEqualTo(Duration.ofMillis(300));
              assertThat(rollback.getCoolDown()).isEqualTo(Duration.ofMinutes(1));

              Map<String, InstrumentReport> reports =
                  context.getBean(MigrationControl.class).status().instruments().stream()
                      .collect(Collectors.toMap(InstrumentReport::name, r -> r));
              assertThat(reports)
                  .containsOnlyKeys("shadow-reads", "read-canary", "rollback-policy");
              assertThat(reports.get("shadow-reads").figures())
                  .containsEntry("samplePercent", 25.0)
                  .containsEntry("workers", 2)
                  .containsEntry("queueCapacity", 50)
                  .containsEntry("drainOnClose", 25);
              assertThat(reports.get("read-canary").figures())
                  .containsEntry("percentage", 12.5)
                  .containsEntry("phases", "DUAL_WRITE, SHADOW")
                  .containsEntry("allowListed", 2)
                  .containsEntry("denyListed", 1)
                  .containsEntry("maxLag", Duration.ofSeconds(2));
              assertThat(reports.get("rollback-policy").figures())
                  .containsEntry("mode", "dry-run")
                  .containsEntry("maxErrorRatePercent", 7.5)
                  .containsEntry("maxP95Millis", 300.0)
                  .containsEntry("window", Duration.ofSeconds(20))
                  .containsEntry("minimumCalls", 40)
                  .containsEntry("coolDown", Duration.ofMinutes(1))
                  .containsEntry("maxSamples", 5000)
                  .containsEntry(
                      "errorTest", "every SQLException but the fence's and SQLSTATE 23, 40001*")
                  .containsEntry("sampleLimitReached", false)
                  .containsEntry("covered", Duration.ZERO);
              ZdmInstruments instruments = context.getBean(ZdmInstruments.class);
              assertThat(instruments.canary()).containsSame(context.getBean(ReadCanary.class));
              assertThat(instruments.rollbackPolicy())
                  .containsSame(context.getBean(RollbackPolicy.class));
              // The shadow reader's threads start with its first comparison.
              assertThat(threads("instr-on"))
                  .containsExactlyInAnyOrder(
                      "zdm-instr-on-canary-lag", "zdm-instr-on-rollback-policy");
            });
    await().atMost(Duration.ofSeconds(10)).until(() -> threads("instr-on").isEmpty());
  }

  @Test
  void theApplicationsBeansWinAndItsObserversSeeEveryStatement() {
    runner("instr-user")
        .withPropertyValues(ALL_ON)
        .withUserConfiguration(UserInstruments.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(ReadCanary.class)).isSameAs(context.getBean("userCanary"));
              assertThat(context.getBean(RollbackPolicy.class))
                  .isSameAs(context.getBean("userPolicy"));
              assertThat(context.getBean(ShadowReads.class))
                  .isSameAs(context.getBean("userShadowReads"));
              assertThat(context.getBean(ZdmInstruments.class).canary())
                  .containsSame(context.getBean(ReadCanary.class));
              new JdbcTemplate(context.getBean(DataSource.class))
                  .queryForList("SELECT id FROM items");
              assertThat(context.getBean(UserInstruments.class).statements.get()).isEqualTo(1);
            });
  }

  @Test
  void aServletApplicationTakesTheRoutingKeyFromTheConfiguredHeader() {
    runner("instr-filter")
        .withPropertyValues("zdm.install-on-startup=false", "zdm.canary.route-key-header=X-User-Id")
        .withClassLoader(new FilteredClassLoader("jakarta.servlet"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ZdmRouteKeyFilter.class);
            });
    WebApplicationContextRunner web =
        new WebApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(
                    DataSourceAutoConfiguration.class, ZdmAutoConfiguration.class))
            .withPropertyValues(
                "spring.datasource.url=" + sourceUrl,
                "zdm.migration=instr-filter",
                "zdm.tables[0].name=items",
                "zdm.target.url=" + targetUrl,
                "zdm.install-on-startup=false",
                "zdm.relay.enabled=false");
    web.withPropertyValues("zdm.canary.route-key-header=")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("instr-filter: zdm.canary.route-key-header is empty"));
    web.withPropertyValues("zdm.canary.route-key-header=X-User-Id")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              ZdmRouteKeyFilter filter = context.getBean(ZdmRouteKeyFilter.class);
              List<Optional<String>> seen = new ArrayList<>();
              FilterChain chain = (request, response) -> seen.add(RouteScope.currentKey());
              MockHttpServletRequest keyed = new MockHttpServletRequest();
              keyed.addHeader("X-User-Id", "user-7");
              filter.doFilter(keyed, new MockHttpServletResponse(), chain);
              filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), chain);
              assertThat(seen).containsExactly(Optional.of("user-7"), Optional.empty());
              assertThat(RouteScope.currentKey()).isEmpty();
            });
  }

  @Test
  void badValuesFailStartUpNamingTheProperty() {
    expectFailure(
        "zdm.shadow-reads.workers=0 is refused",
        "zdm.shadow-reads.enabled=true",
        "zdm.shadow-reads.workers=0");
    expectFailure(
        "zdm.shadow-reads.drain-on-close=-1 is refused",
        "zdm.shadow-reads.enabled=true",
        "zdm.shadow-reads.drain-on-close=-1");
    expectFailure(
        "zdm.shadow-reads.sample-percent or zdm.shadow-reads.sample-one-in, not both",
        "zdm.shadow-reads.enabled=true",
        "zdm.shadow-reads.sample-percent=5",
        "zdm.shadow-reads.sample-one-in=3");
    expectFailure(
        "zdm.canary.percentage=150.0 is refused",
        "zdm.canary.enabled=true",
        "zdm.canary.percentage=150");
    expectFailure("zdm.canary.percentage must be set", "zdm.canary.enabled=true");
    expectFailure(
        "zdm.auto-rollback.max-error-rate or zdm.auto-rollback.max-p95-latency",
        "zdm.auto-rollback.enabled=true");
    expectFailure(
        "zdm.auto-rollback.window=PT0.001S is refused",
        "zdm.auto-rollback.enabled=true",
        "zdm.auto-rollback.max-error-rate=5",
        "zdm.auto-rollback.window=1ms");
    expectFailure(
        "zdm.auto-rollback.ignored-sql-states=[23, 2x-] is refused",
        "zdm.auto-rollback.enabled=true",
        "zdm.auto-rollback.max-error-rate=5",
        "zdm.auto-rollback.ignored-sql-states=23,2x-");
  }

  private void expectFailure(String message, String... properties) {
    runner("instr-bad")
        .withPropertyValues("zdm.install-on-startup=false")
        .withPropertyValues(properties)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("instr-bad: ")
                    .hasMessageContaining(message));
  }

  /** The live threads of the three instruments of a migration. */
  private static List<String> threads(String migration) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(
            name ->
                name.startsWith("zdm-shadow-" + migration + "-")
                    || name.startsWith("zdm-shadow-timer-" + migration + "-")
                    || name.equals("zdm-" + migration + "-canary-lag")
                    || name.equals("zdm-" + migration + "-rollback-policy"))
        .toList();
  }

  @Configuration(proxyBeanMethods = false)
  static class UserInstruments {
    final AtomicInteger statements = new AtomicInteger();

    @Bean
    ShadowReads userShadowReads() {
      return ShadowReads.builder().sampleOneIn(100).build();
    }

    @Bean
    ReadCanary userCanary() {
      return ReadCanary.builder("instr-user").percentage(1).lagProbe(() -> Duration.ZERO).build();
    }

    @Bean
    RollbackPolicy userPolicy(MigrationControl control) {
      return RollbackPolicy.builder(control).maxErrorRate(50).build();
    }

    @Bean
    StatementObserver countingObserver() {
      return new StatementObserver() {
        @Override
        public void executed(
            String migration, Phase.Side side, String sql, long nanos, SQLException failure) {
          statements.incrementAndGet();
        }
      };
    }
  }
}
