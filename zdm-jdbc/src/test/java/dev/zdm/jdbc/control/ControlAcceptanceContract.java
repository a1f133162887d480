package dev.zdm.jdbc.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zdm.Phase;
import dev.zdm.control.ControlListener;
import dev.zdm.control.CutoverAbandonedException;
import dev.zdm.control.Fence;
import dev.zdm.control.GuardRefusedException;
import dev.zdm.control.MigrationStatus;
import dev.zdm.control.PhaseChange;
import dev.zdm.control.PhaseState;
import dev.zdm.control.SwitchReport;
import dev.zdm.control.TransitionPlan;
import dev.zdm.jdbc.Replication;
import dev.zdm.jdbc.capture.CaptureInstaller;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the phase machine promises between two real databases: the fence refuses plain clients on
 * the side that is not authoritative, guards refuse with their name, the cutover under concurrent
 * plain writers loses nothing and commits nothing on the fenced side, a cutover that cannot get the
 * fence stays where it was, rollback loses nothing written on the target. Subclasses pick the pair
 * of engines.
 */
@RealDatabaseTest
abstract class ControlAcceptanceContract {

  private ControlScenario scenario;

  abstract Engine from();

  abstract Engine to();

  @BeforeEach
  void databases(TestDatabases databases) throws SQLException {
    scenario = new ControlScenario(databases, from(), to());
  }

  @AfterEach
  void close() throws Exception {
    scenario.close();
  }

  @Test
  void aPlainClientWritingToTheFencedSideGetsTheFenceError() throws SQLException {
    MigrationControl control = scenario.control();
    Replication forward = scenario.dualWriteWithGuardsMet(control, 5);

    assertFenced(scenario.targetPool, "DUAL_WRITE", "target");
    ControlScenario.insert(scenario.sourcePool, 1, 1, "S");

    control.cutover();
    scenario.started(control.reverseReplication(ControlScenario.RELAY));
    assertFenced(scenario.sourcePool, "TARGET_PRIMARY", "source");
    ControlScenario.insert(scenario.targetPool, 1, 2, "T");
    assertThat(forward.relay().awaitDrained(Duration.ofSeconds(30))).isTrue();
  }

  /**
   * A plain insert with a key no row has: a key that collides would fail its unique check before
   * the row trigger that fences runs.
   */
  private static void assertFenced(DataSource db, String phase, String side) {
    assertThatThrownBy(
            () -> {
              try (Connection connection = db.getConnection();
                  Statement statement = connection.createStatement()) {
                statement.executeUpdate(
                    "INSERT INTO ledger (id, writer, seq, side, amount) VALUES (9000000, 9, 9, 'X',"
                        + " 1.00)");
              }
            })
        .isInstanceOfSatisfying(
            SQLException.class,
            e -> {
              assertThat(e.getSQLState()).isEqualTo(Fence.SQLSTATE);
              assertThat(e.getMessage())
                  .contains("zdm fence")
                  .contains("'" + ControlScenario.MIGRATION + "'")
                  .contains("the phase is " + phase)
                  .contains("(the " + side + ") is not authoritative")
                  .contains("ledger");
            });
  }

  @Test
  void guardsRefuseAndNameTheGuard() throws SQLException {
    MigrationControl control = scenario.controlBuilder().maxLag(Duration.ofSeconds(2)).build();
    control.install();
    control.advance(Phase.DUAL_WRITE);

    // No backfill has run and no verification exists.
    assertThatThrownBy(control::cutover)
        .isInstanceOf(GuardRefusedException.class)
        .hasMessageContaining("backfill-complete (REFUSED): observed 0 of 0 ranges done")
        .hasMessageContaining("no backfill recorded for [ledger]")
        .hasMessageContaining("verification-clean (REFUSED): observed no finished verification");

    try (Connection target = scenario.target.connect();
        Statement statement = target.createStatement()) {
      statement.execute(
          "INSERT INTO zdm_checkpoints (migration, table_name, range_no, done) VALUES ('"
              + ControlScenario.MIGRATION
              + "', 'ledger', 0, TRUE), ('"
              + ControlScenario.MIGRATION
              + "', 'ledger', 1, FALSE)");
    }
    assertThat(control.planAdvance(Phase.TARGET_PRIMARY).refusals())
        .anySatisfy(g -> assertThat(g.describe()).contains("1 of 2 ranges done"));

    scenario.recordVerification("differences", System.currentTimeMillis());
    assertThatThrownBy(control::cutover)
        .hasMessageContaining("verification-clean (REFUSED): observed outcome differences");
    scenario.recordVerification(
        "clean", System.currentTimeMillis() - Duration.ofHours(3).toMillis());
    assertThatThrownBy(control::cutover)
        .hasMessageContaining(
            "verification-clean (REFUSED): observed outcome clean, finished 10800");

    // Captured writes that no relay carries age past the lag bound.
    ControlScenario.insert(scenario.sourcePool, 1, 1, "S");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> control.advance(Phase.SHADOW))
                    .isInstanceOf(GuardRefusedException.class)
                    .hasMessageContaining("relay-lag (REFUSED): observed oldest pending change")
                    .hasMessageContaining("required at most 2.0 s"));
    assertThat(control.status().state().phase()).isEqualTo(Phase.DUAL_WRITE);
  }

  @Test
  void aDryRunReportsTheStepsAndChangesNothing() throws SQLException {
    MigrationControl control = scenario.control();
    scenario.dualWriteWithGuardsMet(control, 3);
    PhaseState before = control.status().state();

    TransitionPlan plan = control.planAdvance(Phase.TARGET_PRIMARY);

    assertThat(plan.wouldProceed()).isTrue();
    assertThat(plan.guards()).hasSize(4);
    assertThat(plan.steps())
        .anySatisfy(
            step -> assertThat(step).contains("take the fence on the source").contains("10000 ms"));
    assertThat(plan.steps()).anySatisfy(s -> assertThat(s).contains("drain the source outbox"));
    assertThat(control.status().state()).isEqualTo(before);
    assertThat(control.planAdvance(Phase.CUTOVER).legal()).isFalse();
    assertThat(control.planAdvance(Phase.OFF).legal()).isTrue();
    assertThat(control.planRollback().to()).isEqualTo(Phase.OFF);
  }

  @Test
  void cutoverUnderConcurrentPlainWritersLosesNothing() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    List<PhaseChange> changes = new CopyOnWriteArrayList<>();
    MigrationControl control =
        scenario
            .controlBuilder()
            .meterRegistry(meters)
            .listener(
                new ControlListener() {
                  @Override
                  public void phaseChanged(PhaseChange change) {
                    changes.add(change);
                  }
                })
            .build();
    Replication forward = scenario.dualWriteWithGuardsMet(control, 20);
    SwitchReport report;
    try (FencedWriters writers = new FencedWriters(scenario.sourcePool, scenario.targetPool)) {
      writers.start(4);
      await().atMost(Duration.ofSeconds(30)).until(() -> writers.transactions() > 200);
      report = control.cutover();
      scenario.started(control.reverseReplication(ControlScenario.RELAY));
      long after = writers.transactions();
      await().atMost(Duration.ofSeconds(30)).until(() -> writers.transactions() > after + 200);
      writers.close();
      assertThat(writers.failures()).isEmpty();
      assertThat(writers.committedSide()).containsValue("S").containsValue("T");

      assertThat(forward.relay().awaitDrained(Duration.ofSeconds(30))).isTrue();
      Map<String, String> expected = writers.expectedAmounts();
      assertThat(amounts(scenario.target.dataSource())).isEqualTo(expected);
    }
    System.out.printf(
        "%s -> %s cutover: write pause %d ms (fence wait %d ms), %d changes drained, %d"
            + " counters raised%n",
        from(),
        to(),
        report.writePause().toMillis(),
        report.fenceWait().toMillis(),
        report.drainedChanges(),
        report.sequencesSynced());
    assertThat(report.to()).isEqualTo(Phase.TARGET_PRIMARY);
    assertThat(control.status().state().phase()).isEqualTo(Phase.TARGET_PRIMARY);
    // The source receives the target's writes back; afterwards both are equal row for row.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(scenario.rows(scenario.source))
                    .isEqualTo(scenario.rows(scenario.target)));
    assertThat(changes)
        .extracting(PhaseChange::to)
        .containsSubsequence(Phase.DUAL_WRITE, Phase.CUTOVER, Phase.TARGET_PRIMARY);
    assertThat(meters.get("zdm.phase").gauge().value()).isEqualTo(Phase.TARGET_PRIMARY.ordinal());
    assertThat(meters.get("zdm.cutover.write.pause").timer().count()).isEqualTo(1);
  }

  @Test
  void writesInFlightCommitBeforeTheFlipAndWritesThatWaitedAreRefused() throws Exception {
    MigrationControl control = scenario.control();
    Replication forward = scenario.dualWriteWithGuardsMet(control, 3);
    try (Connection inFlight = scenario.sourcePool.getConnection()) {
      inFlight.setAutoCommit(false);
      ControlScenario.insert(inFlight, 7, 1, "S");
      CompletableFuture<SwitchReport> cutover = CompletableFuture.supplyAsync(control::cutover);
      // The cutover waits for the fence; a write that begins now waits behind it.
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !cutover.isDone());
      CompletableFuture<SQLException> late =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  ControlScenario.insert(scenario.sourcePool, 7, 2, "S");
                  return null;
                } catch (SQLException e) {
                  return e;
                }
              });
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !late.isDone());
      inFlight.commit();

      SwitchReport report = cutover.get(60, TimeUnit.SECONDS);
      assertThat(report.fenceWait()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
      SQLException refused = late.get(60, TimeUnit.SECONDS);
      assertThat((Object) refused).as("the write that waited for the fence").isNotNull();
      assertThat(refused.getSQLState()).isEqualTo(Fence.SQLSTATE);
    }
    assertThat(
            ControlScenario.count(
                scenario.targetPool, "SELECT COUNT(*) FROM ledger WHERE writer = 7"))
        .as("the in-flight write, drained to the target under the fence")
        .isEqualTo(1);
    assertThat(
            ControlScenario.count(
                scenario.sourcePool, "SELECT COUNT(*) FROM ledger WHERE writer = 7"))
        .as("the write that waited committed nothing on the source")
        .isEqualTo(1);
    assertThat(forward.relay().awaitDrained(Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void aCutoverThatCannotGetTheFenceStaysInTheOldPhase() throws Exception {
    MigrationControl control =
        scenario.controlBuilder().fenceTimeout(Duration.ofMillis(1500)).build();
    Replication forward = scenario.dualWriteWithGuardsMet(control, 3);
    PhaseState before = control.status().state();
    try (Connection inFlight = scenario.sourcePool.getConnection()) {
      inFlight.setAutoCommit(false);
      ControlScenario.insert(inFlight, 8, 1, "S");

      assertThatThrownBy(control::cutover)
          .isInstanceOf(CutoverAbandonedException.class)
          .hasMessageContaining("stays in DUAL_WRITE")
          .hasMessageContaining("was not granted within 1500 ms");

      inFlight.commit();
    }
    MigrationStatus status = control.status();
    assertThat(status.state()).isEqualTo(before);
    assertThat(status.targetState()).contains(before);
    ControlScenario.insert(scenario.sourcePool, 8, 2, "S");
    assertThat(forward.relay().awaitDrained(Duration.ofSeconds(30))).isTrue();
    assertThat(
            ControlScenario.count(
                scenario.targetPool, "SELECT COUNT(*) FROM ledger WHERE writer = 8"))
        .isEqualTo(2);
  }

  @Test
  void aSwitchWhoseOutboxDoesNotDrainIsAbandonedAndTheSourceKeepsTakingWrites() throws Exception {
    MigrationControl control =
        scenario.controlBuilder().drainTimeout(Duration.ofMillis(500)).build();
    Replication forward = scenario.dualWriteWithGuardsMet(control, 3);
    forward.close(); // no relay runs: what the source captures now cannot drain
    ControlScenario.insert(scenario.sourcePool, 5, 1, "S");
    PhaseState before = control.status().state();

    assertThatThrownBy(control::cutover)
        .isInstanceOf(CutoverAbandonedException.class)
        .hasMessageContaining("stays in DUAL_WRITE")
        .hasMessageContaining("did not drain within 500 ms (1 changes pending)");

    MigrationStatus status = control.status();
    PhaseState back =
        new PhaseState(ControlScenario.MIGRATION, Phase.DUAL_WRITE, before.epoch() + 2);
    assertThat(status.sourceState()).contains(back);
    assertThat(status.targetState()).contains(back);
    ControlScenario.insert(scenario.sourcePool, 5, 2, "S");
    assertFenced(scenario.targetPool, "DUAL_WRITE", "target");
    assertThat(status.outboxDepth()).isEqualTo(1);
  }

  @Test
  void recoverReturnsBothRowsToThePhaseBeforeACutOffSwitch() throws Exception {
    MigrationControl control = scenario.control();
    control.install();
    control.advance(Phase.DUAL_WRITE);
    // What a switch whose process died leaves: the new side committed CUTOVER, the old side's
    // transaction rolled back.
    try (Connection target = scenario.target.connect();
        Statement statement = target.createStatement()) {
      statement.executeUpdate("UPDATE zdm_migrations SET phase = 'CUTOVER', epoch = 2");
    }
    assertThat(control.status().state().phase()).isEqualTo(Phase.CUTOVER);
    assertThatThrownBy(() -> control.advance(Phase.TARGET_PRIMARY))
        .hasMessageContaining("run recover()");

    PhaseState repaired = control.recover();

    PhaseState expected = new PhaseState(ControlScenario.MIGRATION, Phase.DUAL_WRITE, 3);
    assertThat(repaired).isEqualTo(expected);
    assertThat(control.status().sourceState()).contains(expected);
    assertThat(control.status().targetState()).contains(expected);
    assertThat(control.recover()).isEqualTo(expected);
  }

  @Test
  void rollbackAfterCutoverLosesNothingWrittenOnTheTarget() throws Exception {
    MigrationControl control = scenario.control();
    Replication forward = scenario.dualWriteWithGuardsMet(control, 10);
    control.cutover();
    Replication reverse = scenario.started(control.reverseReplication(ControlScenario.RELAY));
    try (FencedWriters writers = new FencedWriters(scenario.sourcePool, scenario.targetPool)) {
      writers.start(4);
      await().atMost(Duration.ofSeconds(30)).until(() -> writers.transactions() > 150);
      try (Connection target = scenario.targetPool.getConnection();
          Statement statement = target.createStatement()) {
        statement.execute("UPDATE ledger SET note = 'edited on target' WHERE writer = 0");
        statement.execute("DELETE FROM ledger WHERE writer = 0 AND seq < 3");
      }
      assertThat(control.rollback().phase()).isEqualTo(Phase.DUAL_WRITE);
      long after = writers.transactions();
      await().atMost(Duration.ofSeconds(30)).until(() -> writers.transactions() > after + 150);
      writers.close();
      assertThat(writers.failures()).isEmpty();
      assertThat(forward.relay().awaitDrained(Duration.ofSeconds(30))).isTrue();
      assertThat(amounts(scenario.source.dataSource())).isEqualTo(writers.expectedAmounts());
    }
    assertThat(control.status().state().phase()).isEqualTo(Phase.DUAL_WRITE);
    assertFenced(scenario.targetPool, "DUAL_WRITE", "target");
    assertThat(reverse.relay().awaitDrained(Duration.ofSeconds(30))).isTrue();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(scenario.rows(scenario.target))
                    .isEqualTo(scenario.rows(scenario.source)));
    assertThat(
            ControlScenario.count(
                scenario.sourcePool, "SELECT COUNT(*) FROM ledger WHERE note = 'edited on target'"))
        .isEqualTo(7);
  }

  @Test
  void targetOnlyRemovesCaptureAndEndsReplication() throws Exception {
    MigrationControl control = scenario.control();
    Replication forward = scenario.dualWriteWithGuardsMet(control, 3);
    control.cutover();
    assertThat(forward.relay().awaitDrained(Duration.ofSeconds(30))).isTrue();

    control.advance(Phase.TARGET_ONLY);

    for (DataSource db : List.of(scenario.source.dataSource(), scenario.target.dataSource())) {
      assertThat(
              CaptureInstaller.builder(db)
                  .migration(ControlScenario.MIGRATION)
                  .build()
                  .installedTables())
          .isEmpty();
    }
    ControlScenario.insert(scenario.targetPool, 1, 1, "T");
    assertThat(ControlScenario.count(scenario.targetPool, "SELECT COUNT(*) FROM zdm_changes"))
        .isZero();
    assertThatThrownBy(() -> control.advance(Phase.TARGET_PRIMARY))
        .hasMessageContaining("from TARGET_ONLY the allowed next phases are []");
  }

  @Test
  void twoControlsRacingToCutOverExactlyOneWins() throws Exception {
    MigrationControl first = scenario.control();
    MigrationControl second = scenario.control();
    Replication forward = scenario.dualWriteWithGuardsMet(first, 3);
    PhaseState before = first.status().state();

    CompletableFuture<Object> a = CompletableFuture.supplyAsync(() -> outcome(first::cutover));
    CompletableFuture<Object> b = CompletableFuture.supplyAsync(() -> outcome(second::cutover));
    List<Object> outcomes = List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));

    assertThat(outcomes).filteredOn(SwitchReport.class::isInstance).hasSize(1);
    assertThat(outcomes)
        .filteredOn(RuntimeException.class::isInstance)
        .singleElement()
        .satisfies(
            e ->
                assertThat(((RuntimeException) e).getMessage())
                    .containsAnyOf(
                        "another instance moved it first",
                        "allowed next phases",
                        "a switch is in progress"));
    PhaseState after = first.status().state();
    assertThat(after.phase()).isEqualTo(Phase.TARGET_PRIMARY);
    assertThat(after.epoch()).isEqualTo(before.epoch() + 2);
    assertThat(forward.relay().awaitDrained(Duration.ofSeconds(30))).isTrue();
  }

  private static Object outcome(java.util.function.Supplier<SwitchReport> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static Map<String, String> amounts(DataSource db) throws SQLException {
    Map<String, String> amounts = new TreeMap<>();
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement();
        var rows =
            statement.executeQuery("SELECT writer, seq, amount FROM ledger WHERE writer > 0")) {
      while (rows.next()) {
        amounts.put(
            rows.getInt(1) + ":" + rows.getInt(2),
            rows.getBigDecimal(3).setScale(2).toPlainString());
      }
    }
    return amounts;
  }
}
