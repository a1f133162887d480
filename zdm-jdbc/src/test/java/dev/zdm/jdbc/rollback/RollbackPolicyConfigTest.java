package dev.zdm.jdbc.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.ZdmException;
import dev.zdm.jdbc.control.MigrationControl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The policy's error-test settings are checked when set, naming the setting and the value, and the
 * operator view states the test and the window's bound before any statement ran. The control sits
 * on an in-memory H2 database that the policy never queries: no statement, no evaluation.
 */
class RollbackPolicyConfigTest {

  private final MigrationControl control =
      MigrationControl.builder("orders")
          .source(h2("rollback-config-source"))
          .target(h2("rollback-config-target"))
          .table("orders")
          .build();

  @Test
  void aBadSqlStatePrefixIsRefusedNamingTheSettingAndTheValue() {
    RollbackPolicy.Builder builder = RollbackPolicy.builder(control);
    for (String bad : new String[] {"", "235050", "23-"}) {
      assertThatThrownBy(() -> builder.ignoredSqlStates("23", bad))
          .isInstanceOf(ZdmException.class)
          .hasMessageContaining("rollbackPolicy.ignoredSqlStates")
          .hasMessageContaining("was " + bad + " (migration 'orders')");
    }
    assertThatThrownBy(() -> builder.ignoredSqlStates((String) null))
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("was null");
  }

  @Test
  void countsAsErrorReplacesTheWholeTestSoBothAreRefused() {
    assertThatThrownBy(
            () ->
                RollbackPolicy.builder(control)
                    .maxErrorRate(5)
                    .ignoredSqlStates("23", "40001")
                    .countsAsError(e -> true)
                    .build())
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("rollbackPolicy.ignoredSqlStates cannot be combined with")
        .hasMessageContaining("countsAsError")
        .hasMessageContaining("[23, 40001]");
  }

  @Test
  void theOperatorViewStatesTheErrorTestAndTheSampleBound() {
    try (RollbackPolicy byDefault = RollbackPolicy.builder(control).maxErrorRate(5).build();
        RollbackPolicy none =
            RollbackPolicy.builder(control)
                .maxErrorRate(5)
                .ignoredSqlStates(List.of())
                .maxSamples(500)
                .window(Duration.ofSeconds(10))
                .build();
        RollbackPolicy custom =
            RollbackPolicy.builder(control).maxErrorRate(5).countsAsError(e -> true).build()) {
      Map<String, Object> figures = byDefault.report().figures();
      assertThat(figures)
          .containsEntry("errorTest", "every SQLException but the fence's and SQLSTATE 23*")
          .containsEntry("maxSamples", 10_000)
          .containsEntry("window", Duration.ofSeconds(30))
          .containsEntry("covered", Duration.ZERO)
          .containsEntry("sampleLimitReached", false)
          .doesNotContainKey("sampleLimitWarning");
      assertThat(byDefault.report().summary())
          .startsWith("active; 0 target statements in the last 0 ms of the 30.0 s window,");
      assertThat(none.report().figures())
          .containsEntry("errorTest", "every SQLException but the fence's")
          .containsEntry("maxSamples", 500);
      assertThat(custom.report().figures())
          .containsEntry("errorTest", "the application's countsAsError");
    }
  }

  private static JdbcDataSource h2(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    return dataSource;
  }
}
