package dev.zdm.jdbc.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zdm.Phase;
import dev.zdm.control.Fence;
import dev.zdm.control.SwitchReport;
import dev.zdm.jdbc.Replication;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * H2's fence waits for the writes in flight: its capture trigger reads the control row {@code FOR
 * UPDATE}, so the switch, which updates that row, cannot flip while an application write
 * transaction is open on the old side, and a write that waited behind the switch reads the new
 * phase.
 */
@RealDatabaseTest
class H2InFlightFenceTest {

  private ControlScenario scenario;

  @BeforeEach
  void databases(TestDatabases databases) throws SQLException {
    scenario = new ControlScenario(databases, Engine.H2, Engine.H2);
    for (var db : new javax.sql.DataSource[] {scenario.sourcePool, scenario.targetPool}) {
      try (Connection connection = db.getConnection();
          Statement statement = connection.createStatement()) {
        // H2's default would abandon the switch while the test holds the writer open
        statement.execute("SET DEFAULT_LOCK_TIMEOUT 20000");
      }
    }
  }

  @AfterEach
  void close() throws Exception {
    scenario.close();
  }

  @Test
  void theCutoverWaitsForAWriteInFlightAndDrainsIt() throws Exception {
    MigrationControl control = scenario.control();
    Replication forward = scenario.dualWriteWithGuardsMet(control, 5);

    try (Connection inFlight = scenario.sourcePool.getConnection()) {
      inFlight.setAutoCommit(false);
      ControlScenario.insert(inFlight, 7, 1, "S");

      CompletableFuture<SwitchReport> cutover = CompletableFuture.supplyAsync(control::cutover);
      CompletableFuture<String> late =
          CompletableFuture.supplyAsync(
              () -> {
                try (Connection connection = scenario.sourcePool.getConnection()) {
                  ControlScenario.insert(connection, 8, 1, "S");
                  return "committed";
                } catch (SQLException e) {
                  return e.getSQLState();
                }
              });

      await()
          .during(Duration.ofMillis(800))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !cutover.isDone());
      assertThat(control.status().sourceState().orElseThrow().phase())
          .as("the switch has not flipped the source while a write is in flight")
          .isEqualTo(Phase.DUAL_WRITE);

      inFlight.commit();
      SwitchReport report = cutover.get(30, TimeUnit.SECONDS);
      assertThat(report.to()).isEqualTo(Phase.TARGET_PRIMARY);
      assertThat(report.fenceWait()).isGreaterThanOrEqualTo(Duration.ofMillis(500));

      String lateOutcome = late.get(30, TimeUnit.SECONDS);
      assertThat(lateOutcome).isIn("committed", Fence.SQLSTATE);
      long expectedLate = lateOutcome.equals("committed") ? 1 : 0;
      assertThat(
              ControlScenario.count(
                  scenario.target.dataSource(), "SELECT COUNT(*) FROM ledger WHERE writer = 7"))
          .as("the write that was in flight was drained to the target before the flip")
          .isEqualTo(1);
      assertThat(
              ControlScenario.count(
                  scenario.target.dataSource(), "SELECT COUNT(*) FROM ledger WHERE writer = 8"))
          .as(
              "a write that queued behind the switch committed before it (and was drained) or"
                  + " was refused")
          .isEqualTo(expectedLate);
    }
    assertThatThrownBy(() -> ControlScenario.insert(scenario.sourcePool, 9, 1, "S"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(Fence.refused(e.getSQLState())).isTrue());
    assertThat(forward.relay().awaitDrained(Duration.ofSeconds(30))).isTrue();
    assertThat(scenario.rows(scenario.source)).isEqualTo(scenario.rows(scenario.target));
  }
}
