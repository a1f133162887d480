package dev.zdm.jdbc.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zdm.Phase;
import dev.zdm.control.InstrumentReport;
import dev.zdm.jdbc.Replication;
import dev.zdm.jdbc.capture.PostgresCaptureSql;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import dev.zdm.jdbc.datasource.StatementObserver;
import dev.zdm.jdbc.rollback.RollbackPolicy;
import dev.zdm.jdbc.rollback.RollbackTrigger;
import dev.zdm.jdbc.rollback.RollbackTrigger.Outcome;
import dev.zdm.jdbc.rollback.RollbackTrigger.Threshold;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The automatic rollback policy in {@code TARGET_PRIMARY} on real databases: application inserts
 * through the data source, faults injected on the target by a trigger on {@code ledger} that fails
 * every n-th insert of each writer or sleeps, switched on and off through a {@code fault_switch}
 * row in the target (zdm's own writes are spared). Writers may also count hits the way many
 * applications do, in a {@code hits} table zdm does not migrate: insert, catch the duplicate key,
 * update instead. An independent ledger of the inserts the application saw committed is checked
 * against the source after a rollback. The figures the policy reports are read where an operator
 * reads them, {@link MigrationControl#status()}, and the trigger's text (the policy's log line) is
 * checked for the threshold, the observed value and the window. Subclasses pick the pair of engines
 * (the target is PostgreSQL, whose trigger injects the faults).
 */
@RealDatabaseTest
abstract class RollbackPolicyContract {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Duration WINDOW = Duration.ofSeconds(2);
  private static final String POLICY_THREAD = "zdm-" + ControlScenario.MIGRATION + "-rollback";
  private static final String HITS =
      "CREATE TABLE hits (name VARCHAR(40) NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (name))";

  private ControlScenario scenario;
  private MigrationControl control;
  private Replication forward;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final List<RollbackTrigger> events = new CopyOnWriteArrayList<>();
  private final Set<String> listenerThreads = ConcurrentHashMap.newKeySet();

  abstract Engine from();

  abstract Engine to();

  @BeforeEach
  void databases(TestDatabases databases) throws SQLException {
    scenario = new ControlScenario(databases, from(), to());
    try (Connection connection = scenario.source.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(HITS);
    }
    try (Connection connection = scenario.target.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE fault_switch (every INTEGER NOT NULL, sleep_ms INTEGER)");
      statement.execute("INSERT INTO fault_switch VALUES (0, 0)");
      statement.execute(HITS);
      statement.execute(
          "CREATE FUNCTION injected_fault() RETURNS trigger LANGUAGE plpgsql AS $$"
              + " DECLARE f RECORD; BEGIN"
              // zdm's own writes (relay, backfill) are not the application's: no fault for them.
              + " IF coalesce(current_setting('"
              + PostgresCaptureSql.MARKER_SETTING
              + "', true) = 'on', false) THEN RETURN NEW; END IF;"
              + " SELECT every, sleep_ms INTO f FROM fault_switch;"
              + " IF f.sleep_ms > 0 THEN PERFORM pg_sleep(f.sleep_ms / 1000.0); END IF;"
              + " IF f.every > 0 AND NEW.seq % f.every = 0 THEN"
              + " RAISE EXCEPTION 'injected fault' USING ERRCODE = 'XX001'; END IF;"
              + " RETURN NEW; END $$");
      statement.execute(
          "CREATE TRIGGER ledger_fault BEFORE INSERT ON ledger FOR EACH ROW"
              + " EXECUTE FUNCTION injected_fault()");
    }
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    scenario.close();
  }

  /** DUAL_WRITE with the guards met, then the cutover; the reverse relay runs when asked. */
  private void targetPrimary(MigrationControl.Builder builder, boolean reverseRelay)
      throws SQLException {
    control = builder.build();
    forward = scenario.dualWriteWithGuardsMet(control, 10);
    assertThat(forward.relay().awaitDrained(PATIENCE)).isTrue();
    control.cutover();
    if (reverseRelay) {
      scenario.started(control.reverseReplication(ControlScenario.RELAY));
    }
  }

  private RollbackPolicy.Builder policy() {
    return RollbackPolicy.builder(control)
        .window(WINDOW)
        .minimumCalls(50)
        .evaluationInterval(Duration.ofMillis(50))
        .coolDown(Duration.ofMinutes(1))
        .listener(
            trigger -> {
              listenerThreads.add(Thread.currentThread().getName());
              events.add(trigger);
            });
  }

  private RollbackPolicy started(RollbackPolicy policy) {
    closing.add(policy);
    return policy;
  }

  private DataSource app(StatementObserver observer) {
    return DualWriteDataSource.builder(ControlScenario.MIGRATION)
        .source(scenario.sourcePool)
        .target(scenario.targetPool)
        .phaseReader(control.phaseReader())
        .cutoverWait(Duration.ofSeconds(30))
        .statementObserver(observer)
        .build();
  }

  @Test
  void errorRateAboveTheThresholdRollsBackAndLosesNothingWrittenOnTheTarget() throws Exception {
    targetPrimary(scenario.controlBuilder(), true);
    RollbackPolicy policy = started(policy().maxErrorRate(20).build());
    control.attach(policy);
    try (Writers writers = new Writers(app(policy), 3, false)) {
      writers.awaitCommits(150);
      assertThat(events).as("no fault, no trigger").isEmpty();
      Map<String, Object> healthy = statusFigures(f -> (Long) f.get("calls") > 0);
      assertThat(healthy)
          .containsEntry("mode", "active")
          .containsEntry("phase", "TARGET_PRIMARY")
          .containsEntry("errors", 0L)
          .containsEntry("errorRatePercent", 0.0)
          .containsEntry("maxErrorRatePercent", 20.0)
          .containsEntry("minimumCalls", 50)
          .containsEntry("window", Duration.ofSeconds(2))
          .containsEntry("lastOutcome", "none");
      assertThat(healthy.get("maxP95Millis")).as("no latency threshold").isNull();
      assertThat((Duration) healthy.get("covered")).isPositive().isLessThanOrEqualTo(WINDOW);
      faults(2, 0);
      await().atMost(PATIENCE).until(() -> !events.isEmpty());
      faults(0, 0);
      writers.awaitCommits(writers.commits() + 150);
      writers.close();
      assertThat(writers.unexpected()).isEmpty();
      assertThat(writers.injected()).isPositive();
      RollbackTrigger trigger = events.get(0);
      assertThat(trigger.threshold()).isEqualTo(Threshold.ERROR_RATE);
      assertThat(trigger.outcome()).isEqualTo(Outcome.ROLLED_BACK);
      assertThat(trigger.observed()).isGreaterThan(20.0);
      assertThat(trigger.limit()).isEqualTo(20.0);
      assertThat(trigger.calls()).isGreaterThanOrEqualTo(50);
      assertThat(trigger.window()).isEqualTo(WINDOW);
      assertThat(trigger.covered()).isPositive().isLessThanOrEqualTo(WINDOW);
      assertThat(trigger.sampleLimitReached()).isFalse();
      assertThat(trigger.errors()).isPositive().isLessThanOrEqualTo(trigger.calls());
      assertThat(100.0 * trigger.errors() / trigger.calls()).isEqualTo(trigger.observed());
      assertNamesThresholdObservedAndWindow(trigger, "error rate", "%", "20.0%");
      assertThat(events).hasSize(1);
      assertThat(listenerThreads).allMatch(name -> name.startsWith(POLICY_THREAD));
      assertThat(control.status().state().phase()).isEqualTo(Phase.DUAL_WRITE);
      InstrumentReport report = control.status().instruments().get(0);
      assertThat(report.name()).isEqualTo("rollback-policy");
      assertThat(report.figures())
          .containsEntry("lastOutcome", "ROLLED_BACK")
          .containsEntry("lastTrigger", trigger.describe())
          .containsEntry("lastTriggerAt", trigger.at())
          .containsEntry("maxErrorRatePercent", trigger.limit());
      assertThat(trigger.calls())
          .isGreaterThanOrEqualTo((Integer) report.figures().get("minimumCalls"));
      // Every insert the application saw committed, on the target before the rollback and on the
      // source after it, is in the source.
      assertThat(forward.relay().awaitDrained(PATIENCE)).isTrue();
      assertThat(ledger(scenario.source)).isEqualTo(writers.committed());
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(scenario.rows(scenario.target))
                      .isEqualTo(scenario.rows(scenario.source)));
    }
  }

  @Test
  void belowTheThresholdNothingHappensAndDryRunReportsOncePerCoolDown() throws Exception {
    targetPrimary(scenario.controlBuilder(), true);
    RollbackPolicy active = started(policy().maxErrorRate(20).build());
    control.attach(active);
    Duration coolDown = Duration.ofMillis(1500);
    RollbackPolicy dryRun =
        started(policy().maxErrorRate(2).dryRun(true).coolDown(coolDown).build());
    StatementObserver both =
        new StatementObserver() {
          @Override
          public void executed(
              String migration, Phase.Side side, String sql, long nanos, SQLException failure) {
            active.executed(migration, side, sql, nanos, failure);
            dryRun.executed(migration, side, sql, nanos, failure);
          }
        };
    faults(20, 0);
    Map<String, Object> figures;
    try (Writers writers = new Writers(app(both), 3, false)) {
      await().atMost(PATIENCE).until(() -> events.size() >= 3);
      // One evaluation's figures, as the operator reads them, taken while the writers run.
      figures = statusFigures(f -> (Long) f.get("calls") >= 50 && (Long) f.get("errors") > 0);
      writers.close();
      assertThat(writers.unexpected()).isEmpty();
    }
    assertThat((Long) figures.get("calls"))
        .isGreaterThanOrEqualTo((Integer) figures.get("minimumCalls"));
    assertThat((Double) figures.get("errorRatePercent"))
        .isPositive()
        .isLessThanOrEqualTo((Double) figures.get("maxErrorRatePercent"))
        .isEqualTo(100.0 * (Long) figures.get("errors") / (Long) figures.get("calls"));
    assertThat(figures)
        .containsEntry("maxErrorRatePercent", 20.0)
        .containsEntry("lastOutcome", "none")
        .containsEntry("sampleLimitReached", false);
    assertThat((Double) figures.get("p95Millis")).isPositive();
    assertThat((Duration) figures.get("covered")).isPositive().isLessThanOrEqualTo(WINDOW);
    assertThat(active.lastTrigger()).as("the active policy stayed below its threshold").isNull();
    assertThat(control.status().state().phase()).isEqualTo(Phase.TARGET_PRIMARY);
    List<RollbackTrigger> reported = new ArrayList<>(events);
    assertThat(reported)
        .allSatisfy(
            t -> {
              assertThat(t.outcome()).isEqualTo(Outcome.DRY_RUN);
              assertThat(t.threshold()).isEqualTo(Threshold.ERROR_RATE);
              assertThat(t.limit()).isEqualTo(2.0);
              assertThat(t.observed()).isGreaterThan(2.0);
              assertNamesThresholdObservedAndWindow(t, "error rate", "%", "2.0%");
            });
    for (int i = 1; i < reported.size(); i++) {
      assertThat(Duration.between(reported.get(i - 1).at(), reported.get(i).at()))
          .as("time between dry-run reports %d and %d", i - 1, i)
          .isGreaterThanOrEqualTo(coolDown);
    }
  }

  @Test
  void p95AboveTheThresholdRollsBack() throws Exception {
    targetPrimary(scenario.controlBuilder(), true);
    // Far above an insert's latency on a loaded machine, far below the injected sleep.
    RollbackPolicy policy =
        started(policy().maxP95Latency(Duration.ofMillis(100)).minimumCalls(20).build());
    control.attach(policy);
    try (Writers writers = new Writers(app(policy), 3, false)) {
      writers.awaitCommits(150);
      assertThat(events).isEmpty();
      faults(0, 150);
      await().atMost(PATIENCE).until(() -> !events.isEmpty());
      faults(0, 0);
      writers.awaitCommits(writers.commits() + 50);
      writers.close();
      assertThat(writers.unexpected()).isEmpty();
      RollbackTrigger trigger = events.get(0);
      assertThat(trigger.threshold()).isEqualTo(Threshold.P95_LATENCY);
      assertThat(trigger.outcome()).isEqualTo(Outcome.ROLLED_BACK);
      assertThat(trigger.observed()).isGreaterThan(trigger.limit());
      assertThat(trigger.limit()).isEqualTo(100.0);
      assertNamesThresholdObservedAndWindow(trigger, "p95 latency", " ms", "100.0 ms");
      assertThat(control.status().state().phase()).isEqualTo(Phase.DUAL_WRITE);
      assertThat(control.status().instruments().get(0).figures())
          .containsEntry("maxP95Millis", 100.0)
          .containsEntry("lastTrigger", trigger.describe())
          .containsEntry("lastOutcome", "ROLLED_BACK");
      assertThat(forward.relay().awaitDrained(PATIENCE)).isTrue();
      assertThat(ledger(scenario.source)).isEqualTo(writers.committed());
    }
  }

  @Test
  void aRollbackTheGuardsRefuseIsReportedAndAuthorityStaysOnTheTarget() throws Exception {
    // No reverse relay: the target's outbox ages past a 1 ms lag bound, so the guard refuses.
    targetPrimary(scenario.controlBuilder().maxLag(Duration.ofMillis(1)), false);
    RollbackPolicy policy = started(policy().maxErrorRate(20).build());
    control.attach(policy);
    faults(2, 0);
    try (Writers writers = new Writers(app(policy), 3, false)) {
      await().atMost(PATIENCE).until(() -> !events.isEmpty());
      writers.awaitCommits(writers.commits() + 100);
      writers.close();
      assertThat(writers.unexpected()).isEmpty();
    }
    RollbackTrigger trigger = events.get(0);
    assertThat(trigger.outcome()).isEqualTo(Outcome.ROLLBACK_FAILED);
    assertThat(trigger.failure()).contains("GuardRefused").contains("relay-lag");
    assertThat(events).as("the cool-down holds after a failed rollback too").hasSize(1);
    assertThat(control.status().state().phase()).isEqualTo(Phase.TARGET_PRIMARY);
    assertThat(control.status().instruments().get(0).figures())
        .containsEntry("lastOutcome", "ROLLBACK_FAILED")
        .containsEntry("lastTrigger", trigger.describe())
        .containsEntry("lastFailure", trigger.failure());
    assertNamesThresholdObservedAndWindow(trigger, "error rate", "%", "20.0%");
  }

  @Test
  void duplicateKeysTheApplicationHandlesDoNotCountButTheTargetsOwnErrorsStillRollBack()
      throws Exception {
    targetPrimary(scenario.controlBuilder(), true);
    RollbackPolicy policy = started(policy().maxErrorRate(15).build());
    // The same statements judged with nothing ignored, only reporting: the duplicates alone are
    // above the threshold, so the policy above stays quiet because they do not count.
    RollbackPolicy countingEverything =
        started(policy().maxErrorRate(15).ignoredSqlStates().dryRun(true).build());
    control.attach(policy);
    try (Writers writers =
        new Writers(app(StatementObserver.all(policy, countingEverything)), 3, true)) {
      await().atMost(PATIENCE).until(() -> countingEverything.lastTrigger() != null);
      RollbackTrigger duplicates = countingEverything.lastTrigger();
      assertThat(duplicates.outcome()).isEqualTo(Outcome.DRY_RUN);
      assertThat(duplicates.observed()).isGreaterThan(15.0);
      assertThat(writers.duplicates()).isPositive();
      // The policy saw the same traffic: one evaluation with at least minimumCalls statements.
      Map<String, Object> figures = statusFigures(f -> (Long) f.get("calls") >= 50);
      assertThat(figures)
          .containsEntry("errors", 0L)
          .containsEntry("errorRatePercent", 0.0)
          .containsEntry("maxErrorRatePercent", 15.0)
          .containsEntry("errorTest", "every SQLException but the fence's and SQLSTATE 23*")
          .containsEntry("lastOutcome", "none");
      assertThat(policy.lastTrigger()).isNull();
      assertThat(control.status().state().phase()).isEqualTo(Phase.TARGET_PRIMARY);

      faults(2, 0);
      await().atMost(PATIENCE).until(() -> policy.lastTrigger() != null);
      faults(0, 0);
      writers.awaitCommits(writers.commits() + 150);
      writers.close();
      assertThat(writers.unexpected()).isEmpty();
      assertThat(writers.injected()).isPositive();
      RollbackTrigger trigger = policy.lastTrigger();
      assertThat(trigger.outcome()).isEqualTo(Outcome.ROLLED_BACK);
      assertThat(trigger.threshold()).isEqualTo(Threshold.ERROR_RATE);
      assertThat(trigger.observed()).isGreaterThan(15.0);
      assertNamesThresholdObservedAndWindow(trigger, "error rate", "%", "15.0%");
      assertThat(control.status().state().phase()).isEqualTo(Phase.DUAL_WRITE);
      assertThat(forward.relay().awaitDrained(PATIENCE)).isTrue();
      assertThat(ledger(scenario.source)).isEqualTo(writers.committed());
    }
  }

  @Test
  void aSampleBoundFullBeforeTheWindowsLengthIsReportedWithTheSpanItCovers() throws Exception {
    targetPrimary(scenario.controlBuilder(), true);
    // An hour-long window over at most 100 statements: the bound fills long before the hour.
    Duration hour = Duration.ofHours(1);
    RollbackPolicy policy =
        started(policy().maxErrorRate(20).window(hour).maxSamples(100).dryRun(true).build());
    control.attach(policy);
    try (Writers writers = new Writers(app(policy), 3, false)) {
      Map<String, Object> figures =
          statusFigures(f -> Boolean.TRUE.equals(f.get("sampleLimitReached")));
      assertThat(figures).containsEntry("calls", 100L).containsEntry("maxSamples", 100);
      assertThat((Duration) figures.get("covered")).isPositive().isLessThan(hour);
      assertThat((String) figures.get("sampleLimitWarning"))
          .startsWith(
              "the window keeps at most 100 statements (maxSamples,"
                  + " zdm.auto-rollback.max-samples) and at this traffic they cover only the last ")
          .contains(" of the 3600.0 s window, so the thresholds are judged over that span; ")
          .contains("shorten the window");
      assertThat(control.status().instruments().get(0).summary())
          .contains("100 target statements in the last ")
          .contains(" of the 3600.0 s window (sample limit reached)");

      faults(2, 0);
      await().atMost(PATIENCE).until(() -> !events.isEmpty());
      faults(0, 0);
      writers.close();
      assertThat(writers.unexpected()).isEmpty();
    }
    RollbackTrigger trigger = events.get(0);
    assertThat(trigger.outcome()).isEqualTo(Outcome.DRY_RUN);
    assertThat(trigger.window()).isEqualTo(hour);
    assertThat(trigger.sampleLimitReached()).isTrue();
    assertThat(trigger.calls()).isEqualTo(100);
    assertThat(trigger.covered()).isPositive().isLessThan(hour);
    assertNamesThresholdObservedAndWindow(trigger, "error rate", "%", "20.0%");
    assertThat(trigger.describe())
        .endsWith(" (sample limit reached: raise maxSamples to cover the window)");
    assertThat(control.status().state().phase()).isEqualTo(Phase.TARGET_PRIMARY);
  }

  /**
   * The trigger's one line, which the policy logs after the migration's name, names the threshold
   * with its value, the observed value and both the span measured and the configured window.
   */
  private static void assertNamesThresholdObservedAndWindow(
      RollbackTrigger trigger, String label, String unit, String limit) {
    String observed = String.format(Locale.ROOT, "%.1f%s", trigger.observed(), unit);
    assertThat(trigger.describe())
        .startsWith(label + " " + observed + " above the threshold " + limit + " over ")
        .contains(" target statements (" + trigger.errors() + " failed)")
        .contains(" in the last " + span(trigger.covered()) + " of a ")
        .contains(" of a " + span(trigger.window()) + " window");
  }

  private static String span(Duration d) {
    return d.compareTo(Duration.ofSeconds(1)) < 0
        ? d.toMillis() + " ms"
        : String.format(Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
  }

  /**
   * Waits for one reading of the policy's figures in {@link MigrationControl#status()} that
   * satisfies {@code wanted}, and returns that reading, so that every assertion on it looks at the
   * same evaluation.
   */
  private Map<String, Object> statusFigures(Predicate<Map<String, Object>> wanted) {
    AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              InstrumentReport report =
                  control.status().instruments().stream()
                      .filter(r -> r.name().equals("rollback-policy"))
                      .findFirst()
                      .orElseThrow();
              seen.set(report.figures());
              return wanted.test(report.figures());
            });
    return seen.get();
  }

  private void faults(int every, int sleepMillis) throws SQLException {
    try (Connection connection = scenario.target.connect();
        PreparedStatement update =
            connection.prepareStatement("UPDATE fault_switch SET every = ?, sleep_ms = ?")) {
      update.setInt(1, every);
      update.setInt(2, sleepMillis);
      update.executeUpdate();
    }
  }

  private static Set<String> ledger(dev.zdm.test.TestDatabase db) throws SQLException {
    Set<String> keys = new TreeSet<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT writer, seq FROM ledger WHERE writer > 0")) {
      while (rows.next()) {
        assertThat(keys.add(rows.getInt(1) + ":" + rows.getInt(2))).isTrue();
      }
    }
    return keys;
  }

  /**
   * Application writers: each inserts {@code (writer, seq)} rows in autocommit mode through the
   * data source and records those that committed. An insert refused with a retryable error is run
   * again; one failed by the injected fault is counted and skipped; anything else is unexpected.
   * When counting hits, after each committed insert a writer also counts one hit under its own name
   * the insert-first way: insert, and on the duplicate key (every time after its first) update
   * instead.
   */
  private static final class Writers implements AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final Set<String> committed = ConcurrentHashMap.newKeySet();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong injected = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final boolean countHits;
    private final List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());

    Writers(DataSource app, int count, boolean countHits) {
      this.countHits = countHits;
      for (int w = 1; w <= count; w++) {
        int writer = w;
        Thread thread = new Thread(() -> write(app, writer), "writer-" + writer);
        threads.add(thread);
        thread.start();
      }
    }

    private void write(DataSource app, int writer) {
      int seq = 1;
      while (!stop.get()) {
        try (Connection connection = app.getConnection()) {
          ControlScenario.insert(connection, writer, seq, "A");
          committed.add(writer + ":" + seq);
          commits.incrementAndGet();
          seq++;
          if (countHits) {
            hit(connection, "writer-" + writer);
          }
        } catch (SQLTransientException e) {
          // The fence during the rollback: nothing committed, run the same insert again.
        } catch (SQLException e) {
          if ("XX001".equals(e.getSQLState())) {
            injected.incrementAndGet();
            seq++;
          } else {
            unexpected.add(e);
            return;
          }
        }
      }
    }

    private void hit(Connection connection, String name) throws SQLException {
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO hits (name, n) VALUES (?, 1)")) {
        insert.setString(1, name);
        insert.executeUpdate();
      } catch (SQLTransientException e) {
        return; // the fence during the rollback: this hit is not the test's concern
      } catch (SQLException e) {
        if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
          throw e;
        }
        duplicates.incrementAndGet();
        try (PreparedStatement update =
            connection.prepareStatement("UPDATE hits SET n = n + 1 WHERE name = ?")) {
          update.setString(1, name);
          update.executeUpdate();
        } catch (SQLTransientException fenced) {
          // as above
        }
      }
    }

    long commits() {
      return commits.get();
    }

    long duplicates() {
      return duplicates.get();
    }

    long injected() {
      return injected.get();
    }

    Set<String> committed() {
      return new TreeSet<>(committed);
    }

    List<Throwable> unexpected() {
      return unexpected;
    }

    void awaitCommits(long count) {
      await().atMost(PATIENCE).until(() -> commits.get() >= count || !unexpected.isEmpty());
      assertThat(unexpected).isEmpty();
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }
}
