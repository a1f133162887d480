package dev.zdm.jdbc.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zdm.Phase;
import dev.zdm.control.InstrumentReport;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import dev.zdm.jdbc.shadow.ShadowOutcome;
import dev.zdm.jdbc.shadow.ShadowReader;
import dev.zdm.jdbc.shadow.ShadowReads;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shadow reads in a real migration: {@code MigrationControl} moves PG→PG to {@code SHADOW} with the
 * relay running, the data source routes by the control's phase, and the shadow reader attached to
 * the control shows its figures in {@code status()}.
 */
@RealDatabaseTest
class ShadowReadsStatusTest {

  @Test
  void shadowFiguresAppearInTheStatusOnceAttached(TestDatabases databases) throws Exception {
    try (ControlScenario scenario =
        new ControlScenario(databases, Engine.POSTGRES, Engine.POSTGRES)) {
      MigrationControl control = scenario.control();
      scenario.dualWriteWithGuardsMet(control, 20);
      control.advance(Phase.SHADOW);
      DualWriteDataSource dataSource =
          DualWriteDataSource.builder(ControlScenario.MIGRATION)
              .source(scenario.sourcePool)
              .target(scenario.targetPool)
              .phaseReader(control.phaseReader())
              .shadowReads(ShadowReads.builder().samplePercent(100).build())
              .build();
      ShadowReader reader = dataSource.shadowReader().orElseThrow();
      try {
        control.attach(reader);
        for (int i = 0; i < 10; i++) {
          try (Connection connection = dataSource.getConnection();
              PreparedStatement read =
                  connection.prepareStatement(
                      "SELECT id, writer, seq, side, amount, note FROM ledger ORDER BY id");
              ResultSet rows = read.executeQuery()) {
            int count = 0;
            while (rows.next()) {
              count++;
            }
            assertThat(count).isEqualTo(20);
          }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> reader.count(ShadowOutcome.MATCH) == 10);

        InstrumentReport shadow =
            control.status().instruments().stream()
                .filter(r -> r.name().equals("shadow-reads"))
                .findFirst()
                .orElseThrow();
        Map<String, Object> figures = shadow.figures();
        assertThat(figures)
            .containsEntry("match", 10L)
            .containsEntry("mismatch", 0L)
            .containsEntry("samplePercent", 100.0)
            .containsEntry("queueDepth", 0)
            .containsKeys("timeout", "skipped", "error", "ignored", "queueCapacity");
        assertThat(shadow.summary()).contains("10 shadow reads compared").contains("0 mismatches");

        control.detach(reader);
        assertThat(control.status().instruments()).noneMatch(r -> r.name().equals("shadow-reads"));
      } finally {
        reader.close();
      }
    }
  }
}
