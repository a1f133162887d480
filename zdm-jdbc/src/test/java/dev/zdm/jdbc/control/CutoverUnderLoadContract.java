package dev.zdm.jdbc.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.zdm.Phase;
import dev.zdm.control.ControlListener;
import dev.zdm.control.SwitchReport;
import dev.zdm.jdbc.Backfill;
import dev.zdm.jdbc.Replication;
import dev.zdm.jdbc.control.AppWorkload.Committed;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import dev.zdm.jdbc.datasource.DualWriteListener;
import dev.zdm.jdbc.relay.IndependentComparison;
import dev.zdm.jdbc.relay.RelayScenario;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's acceptance with both halves together: application transactions through {@link
 * DualWriteDataSource} on HikariCP pools, routed by {@link MigrationControl#phaseReader()}, while
 * the control cuts over or rolls back. Checked against an independent ledger of what committed
 * (balances, customers' counters, every journal row), against the databases' own record of where
 * each journal row was inserted (the {@code origin} column default), and source against target with
 * {@link IndependentComparison}. Subclasses pick the pair of engines.
 */
@RealDatabaseTest
abstract class CutoverUnderLoadContract {

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private ControlScenario scenario;
  private final List<AutoCloseable> closing = new ArrayList<>();

  abstract Engine from();

  abstract Engine to();

  @BeforeEach
  void databases(TestDatabases databases) throws SQLException {
    scenario = new ControlScenario(databases, from(), to());
    for (TestDatabase db : List.of(scenario.source, scenario.target)) {
      try (Connection connection = db.connect()) {
        AppWorkload.createTables(connection, db.engine(), db == scenario.source ? 'S' : 'T');
      }
    }
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    scenario.close();
  }

  @Test
  void cutoverUnderLoadLosesNothingAndCommitsNothingOnTheFencedSide() throws Exception {
    SimpleMeterRegistry controlMeters = new SimpleMeterRegistry();
    MigrationControl control = controlBuilder().meterRegistry(controlMeters).build();
    Replication forward = dualWriteWithGuardsMet(control);
    SimpleMeterRegistry dataSourceMeters = new SimpleMeterRegistry();
    DataSource app =
        dataSource(control, scenario.sourcePool, scenario.targetPool, dataSourceMeters);

    List<Committed> committed;
    Switch cutover;
    long retriedTransactions;
    try (AppWorkload workload = new AppWorkload(app, 1)) {
      workload.start(8);
      awaitCommits(workload, 300);
      cutover = Switch.timed(control::cutover);
      Replication reverse = scenario.started(control.reverseReplication(ControlScenario.RELAY));
      awaitCommits(workload, workload.commits() + 300);
      workload.close();
      committed = workload.committed();
      retriedTransactions = workload.transientRetries();
      print("cutover", cutover, committed, workload);
      assertThat(workload.failures()).isEmpty();
      assertThat(forward.relay().awaitDrained(PATIENCE)).isTrue();
      assertThat(reverse.relay().awaitDrained(PATIENCE)).isTrue();
    }
    assertThat(cutover.report().to()).isEqualTo(Phase.TARGET_PRIMARY);
    assertLedger(scenario.target, committed);
    assertOneWriterAtATime(committed, 'S', 'T');
    awaitEqual();
    assertThat(controlMeters.get("zdm.fence.refusals").counter().count())
        .as("refusals the data source reported to the control")
        .isEqualTo(
            dataSourceMeters.get("zdm.datasource.fence.refusals").counters().stream()
                .mapToDouble(c -> c.count())
                .sum())
        // Every SQLTransientException here is a refusal in a transaction (the cutover wait is 60
        // s).
        .isGreaterThanOrEqualTo(retriedTransactions);
  }

  @Test
  void rollbackUnderLoadLosesNothingWrittenOnTheTarget() throws Exception {
    AtomicReference<SwitchReport> lastSwitch = new AtomicReference<>();
    MigrationControl control =
        controlBuilder()
            .listener(
                new ControlListener() {
                  @Override
                  public void switched(SwitchReport report) {
                    lastSwitch.set(report);
                  }
                })
            .build();
    Replication forward = dualWriteWithGuardsMet(control);
    control.cutover();
    Replication reverse = scenario.started(control.reverseReplication(ControlScenario.RELAY));
    assertThat(forward.relay().awaitDrained(PATIENCE)).isTrue();
    DataSource app =
        dataSource(control, scenario.sourcePool, scenario.targetPool, new SimpleMeterRegistry());

    List<Committed> committed;
    Switch rollback;
    try (AppWorkload workload = new AppWorkload(app, 1)) {
      workload.start(8);
      awaitCommits(workload, 300);
      long start = System.nanoTime();
      assertThat(control.rollback().phase()).isEqualTo(Phase.DUAL_WRITE);
      rollback = new Switch(lastSwitch.get(), start, System.nanoTime());
      assertThat(rollback.report().from()).isEqualTo(Phase.TARGET_PRIMARY);
      assertThat(rollback.report().to()).isEqualTo(Phase.DUAL_WRITE);
      awaitCommits(workload, workload.commits() + 300);
      workload.close();
      committed = workload.committed();
      print("rollback", rollback, committed, workload);
      assertThat(workload.failures()).isEmpty();
      assertThat(reverse.relay().awaitDrained(PATIENCE)).isTrue();
      assertThat(forward.relay().awaitDrained(PATIENCE)).isTrue();
    }
    assertThat(control.status().state().phase()).isEqualTo(Phase.DUAL_WRITE);
    assertLedger(scenario.source, committed);
    assertOneWriterAtATime(committed, 'T', 'S');
    awaitEqual();
  }

  @Test
  void twoServiceInstancesCutOverTogetherWithOneWriterAtATime() throws Exception {
    MigrationControl first = controlBuilder().build();
    Replication forward = dualWriteWithGuardsMet(first);
    // The second instance: its own control over the same databases, its own pools and cache.
    MigrationControl second = controlBuilder().build();
    HikariDataSource secondSource = pool(scenario.source, "second-source");
    HikariDataSource secondTarget = pool(scenario.target, "second-target");
    DataSource appOne =
        dataSource(first, scenario.sourcePool, scenario.targetPool, new SimpleMeterRegistry());
    DataSource appTwo = dataSource(second, secondSource, secondTarget, new SimpleMeterRegistry());

    List<Committed> one;
    List<Committed> two;
    Switch cutover;
    try (AppWorkload instanceOne = new AppWorkload(appOne, 1);
        AppWorkload instanceTwo = new AppWorkload(appTwo, 101)) {
      instanceOne.start(4);
      instanceTwo.start(4);
      awaitCommits(instanceOne, 150);
      awaitCommits(instanceTwo, 150);
      cutover = Switch.timed(first::cutover);
      Replication reverse = scenario.started(first.reverseReplication(ControlScenario.RELAY));
      awaitCommits(instanceOne, instanceOne.commits() + 150);
      awaitCommits(instanceTwo, instanceTwo.commits() + 150);
      instanceOne.close();
      instanceTwo.close();
      one = instanceOne.committed();
      two = instanceTwo.committed();
      print("two instances, first", cutover, one, instanceOne);
      print("two instances, second", cutover, two, instanceTwo);
      assertThat(instanceOne.failures()).isEmpty();
      assertThat(instanceTwo.failures()).isEmpty();
      assertThat(forward.relay().awaitDrained(PATIENCE)).isTrue();
      assertThat(reverse.relay().awaitDrained(PATIENCE)).isTrue();
    }
    List<Committed> all = new ArrayList<>(one);
    all.addAll(two);
    assertLedger(scenario.target, all);
    Map<String, Character> origins = origins(scenario.target);
    assertThat(two)
        .as("the second instance followed the first to the target")
        .anySatisfy(c -> assertThat(origins.get(c.key())).isEqualTo('T'));
    assertOneWriterAtATime(all, 'S', 'T');
    assertThat(second.status().state().phase()).isEqualTo(Phase.TARGET_PRIMARY);
    awaitEqual();
  }

  private MigrationControl.Builder controlBuilder() {
    // Not scenario.controlBuilder(): that one migrates the scenario's ledger table.
    return MigrationControl.builder(ControlScenario.MIGRATION)
        .source(scenario.source.dataSource())
        .target(scenario.target.dataSource())
        .table("accounts")
        .table("customers")
        .table("journal")
        .partitions(ControlScenario.RELAY.partitions())
        .fenceTimeout(Duration.ofSeconds(20))
        .drainTimeout(PATIENCE);
  }

  /** Seeds, moves to DUAL_WRITE, starts the relay, backfills, records a clean verification. */
  private Replication dualWriteWithGuardsMet(MigrationControl control) throws SQLException {
    AppWorkload.seed(scenario.sourcePool);
    control.install();
    control.advance(Phase.DUAL_WRITE);
    Replication forward = scenario.started(control.forwardReplication(ControlScenario.RELAY));
    Backfill.Builder backfill =
        Backfill.builder(ControlScenario.MIGRATION)
            .from(scenario.source.dataSource())
            .to(scenario.target.dataSource());
    AppWorkload.TABLES.forEach(backfill::table);
    try (Backfill run = backfill.build()) {
      run.install();
      run.run();
    }
    scenario.recordVerification("clean", Clock.systemUTC().millis());
    return forward;
  }

  private DataSource dataSource(
      MigrationControl control, DataSource source, DataSource target, MeterRegistry meters) {
    return DualWriteDataSource.builder(ControlScenario.MIGRATION)
        .source(source)
        .target(target)
        .phaseReader(control.phaseReader())
        .cutoverWait(Duration.ofSeconds(60))
        .meterRegistry(meters)
        .listener(DualWriteListener.countingRefusals(control::recordFenceRefusal))
        .build();
  }

  private HikariDataSource pool(TestDatabase db, String name) {
    HikariDataSource pool = RelayScenario.pool(db.jdbcUrlWithCredentials(), name);
    pool.setMaximumPoolSize(10);
    closing.add(pool);
    return pool;
  }

  private static void awaitCommits(AppWorkload workload, long commits) {
    await()
        .atMost(PATIENCE)
        .until(() -> workload.commits() >= commits || !workload.failures().isEmpty());
    assertThat(workload.failures()).isEmpty();
  }

  /** Every committed transaction's effect is in {@code db}, and nothing else the writers did. */
  private static void assertLedger(TestDatabase db, List<Committed> committed) throws SQLException {
    Map<Long, BigDecimal> balances = new TreeMap<>();
    Map<Long, String> customers = new TreeMap<>();
    Map<String, String> journal = new TreeMap<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery("SELECT id, balance FROM accounts")) {
        while (rows.next()) {
          balances.put(rows.getLong(1), rows.getBigDecimal(2).setScale(2));
        }
      }
      try (ResultSet rows =
          statement.executeQuery("SELECT id, orders_count, spent FROM customers")) {
        while (rows.next()) {
          customers.put(rows.getLong(1), rows.getInt(2) + "," + rows.getBigDecimal(3).setScale(2));
        }
      }
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT writer, seq, kind, a, b, amount FROM journal WHERE writer > 0")) {
        while (rows.next()) {
          String key = rows.getInt(1) + ":" + rows.getInt(2);
          String row =
              rows.getString(3)
                  + ","
                  + rows.getLong(4)
                  + ","
                  + rows.getLong(5)
                  + ","
                  + rows.getBigDecimal(6).setScale(2);
          assertThat(journal.put(key, row)).as("journal rows of %s", key).isNull();
        }
      }
    }
    Map<String, String> expectedJournal = new TreeMap<>();
    committed.forEach(c -> expectedJournal.put(c.key(), c.row()));
    assertThat(difference(expectedJournal, journal))
        .as("journal rows of committed transactions in the %s", db.name())
        .isEmpty();
    assertThat(balances).isEqualTo(AppWorkload.expectedBalances(committed));
    assertThat(customers).isEqualTo(AppWorkload.expectedCustomers(committed));
    assertThat(balances.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(
            AppWorkload.OPENING.multiply(BigDecimal.valueOf(AppWorkload.ACCOUNTS)));
  }

  /** The keys whose rows differ, at most 20, described without the values' whole maps. */
  private static List<String> difference(Map<String, String> expected, Map<String, String> actual) {
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String found = actual.get(e.getKey());
      if (!e.getValue().equals(found)) {
        differences.add(e.getKey() + " committed as " + e.getValue() + ", found " + found);
      }
    }
    actual.keySet().stream()
        .filter(key -> !expected.containsKey(key))
        .forEach(key -> differences.add(key + " present but never committed"));
    return differences.subList(0, Math.min(20, differences.size()));
  }

  /**
   * Writes committed on the old side strictly before any committed on the new: no transaction that
   * committed on the new side finished before a transaction that committed on the old side began. A
   * write committed on the fenced side after the flip breaks this order.
   */
  private void assertOneWriterAtATime(List<Committed> committed, char oldSide, char newSide)
      throws SQLException {
    Map<String, Character> origins = origins(newSide == 'T' ? scenario.target : scenario.source);
    long lastOldStart = Long.MIN_VALUE;
    long firstNewEnd = Long.MAX_VALUE;
    int onOld = 0;
    int onNew = 0;
    for (Committed c : committed) {
      char origin = origins.get(c.key());
      if (origin == oldSide) {
        onOld++;
        lastOldStart = Math.max(lastOldStart, c.startNanos());
      } else {
        assertThat(origin).isEqualTo(newSide);
        onNew++;
        firstNewEnd = Math.min(firstNewEnd, c.endNanos());
      }
    }
    assertThat(onOld).as("transactions committed on the old side").isPositive();
    assertThat(onNew).as("transactions committed on the new side").isPositive();
    assertThat(lastOldStart)
        .as("the last old-side commit began before the first new-side commit ended")
        .isLessThan(firstNewEnd);
    assertDrainedBeforeTheNewSideWrote(newSide == 'T' ? scenario.target : scenario.source, oldSide);
  }

  /**
   * In PostgreSQL, a row's {@code xmin} is the id of the transaction that wrote it, and ids are
   * handed out in order. Every old-side journal row must have been written into the new side (by
   * the relay) before any application transaction wrote there: that is what draining under the
   * fence means. A write that commits on the old side while the switch drains, and reaches the new
   * side after the flip, shows up here as an old-side row with a higher {@code xmin}. MariaDB has
   * no such column; there the ledger and the order of commits above must do.
   */
  private static void assertDrainedBeforeTheNewSideWrote(TestDatabase newSide, char oldSide)
      throws SQLException {
    if (newSide.engine() == Engine.MARIADB) {
      return;
    }
    long lastOld = Long.MIN_VALUE;
    long firstNew = Long.MAX_VALUE;
    try (Connection connection = newSide.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT origin, MIN(xmin::text::bigint), MAX(xmin::text::bigint) FROM journal"
                    + " WHERE writer > 0 GROUP BY origin")) {
      while (rows.next()) {
        if (rows.getString(1).charAt(0) == oldSide) {
          lastOld = rows.getLong(3);
        } else {
          firstNew = rows.getLong(2);
        }
      }
    }
    assertThat(lastOld)
        .as(
            "the transaction id of the last old-side row written into %s, against the first"
                + " application write there",
            newSide.name())
        .isLessThan(firstNew);
  }

  private static Map<String, Character> origins(TestDatabase db) throws SQLException {
    Map<String, Character> origins = new HashMap<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT writer, seq, origin FROM journal WHERE writer > 0")) {
      while (rows.next()) {
        origins.put(rows.getInt(1) + ":" + rows.getInt(2), rows.getString(3).charAt(0));
      }
    }
    return origins;
  }

  private void awaitEqual() {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              for (String table : AppWorkload.TABLES) {
                assertThat(rows(scenario.source, table))
                    .as(table)
                    .isEqualTo(rows(scenario.target, table));
              }
            });
  }

  private static List<String> rows(TestDatabase db, String table) throws SQLException {
    try (Connection connection = db.connect()) {
      return IndependentComparison.rows(connection, table, "id");
    }
  }

  /**
   * Prints the write pause two ways: the switch's own figure, and what the writers saw (the longest
   * gap between two commits that overlaps the switch, and the longest transaction, retries
   * included, that spanned it).
   */
  private void print(String what, Switch s, List<Committed> committed, AppWorkload workload) {
    List<Long> ends = committed.stream().map(Committed::endNanos).sorted().toList();
    long gap = 0;
    for (int i = 1; i < ends.size(); i++) {
      if (ends.get(i) >= s.startNanos() && ends.get(i - 1) <= s.endNanos()) {
        gap = Math.max(gap, ends.get(i) - ends.get(i - 1));
      }
    }
    long spanning =
        committed.stream()
            .filter(c -> c.firstStartNanos() <= s.endNanos() && c.endNanos() >= s.startNanos())
            .mapToLong(c -> c.endNanos() - c.firstStartNanos())
            .max()
            .orElse(0);
    SwitchReport report = s.report();
    System.out.printf(
        "%s -> %s %s under load: switch %d ms%s; writers saw: longest gap between commits %d ms,"
            + " longest transaction spanning the switch %d ms; %d transactions committed, %d"
            + " reads, retried: %d SQLTransientException, %d deadlock/serialization victims, %d"
            + " other failures%n",
        from(),
        to(),
        what,
        (s.endNanos() - s.startNanos()) / 1_000_000,
        report == null
            ? ""
            : String.format(
                ", SwitchReport write pause %d ms (fence wait %d ms, %d changes drained)",
                report.writePause().toMillis(),
                report.fenceWait().toMillis(),
                report.drainedChanges()),
        gap / 1_000_000,
        spanning / 1_000_000,
        committed.size(),
        workload.reads(),
        workload.transientRetries(),
        workload.victimRetries(),
        workload.failures().size());
  }

  /** A switch and when it ran, by {@link System#nanoTime()}. */
  private record Switch(SwitchReport report, long startNanos, long endNanos) {
    static Switch timed(Supplier<SwitchReport> call) {
      long start = System.nanoTime();
      SwitchReport report = call.get();
      return new Switch(report, start, System.nanoTime());
    }
  }
}
