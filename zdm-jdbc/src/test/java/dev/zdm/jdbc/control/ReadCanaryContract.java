package dev.zdm.jdbc.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zdm.Phase;
import dev.zdm.control.InstrumentReport;
import dev.zdm.jdbc.Replication;
import dev.zdm.jdbc.canary.LagProbe;
import dev.zdm.jdbc.canary.ReadCanary;
import dev.zdm.jdbc.canary.RouteScope;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import dev.zdm.jdbc.datasource.StatementObserver;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read canary in {@code SHADOW} on real databases. Where a read really ran is read from the
 * data: a table zdm does not migrate, {@code canary_marker}, holds {@code 'S'} in the source and
 * {@code 'T'} in the target. Subclasses pick the pair of engines.
 */
@RealDatabaseTest
abstract class ReadCanaryContract {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Duration MAX_LAG = Duration.ofSeconds(1);

  private ControlScenario scenario;
  private MigrationControl control;
  private Replication forward;
  private ReadCanary canary;
  private DualWriteDataSource dataSource;
  private SimpleMeterRegistry meters;
  private final ConcurrentLinkedQueue<Phase.Side> observedSides = new ConcurrentLinkedQueue<>();
  private final List<String> allowed = List.of("vip-1", "vip-2", "vip-3");
  private final List<String> denied = new ArrayList<>();

  abstract dev.zdm.test.Engine from();

  abstract dev.zdm.test.Engine to();

  @BeforeEach
  void shadowPhaseWithCanary(TestDatabases databases) throws SQLException {
    scenario = new ControlScenario(databases, from(), to());
    for (TestDatabase db : List.of(scenario.source, scenario.target)) {
      try (Connection connection = db.connect();
          Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE TABLE canary_marker (id INTEGER NOT NULL PRIMARY KEY, side CHAR(1))");
        statement.execute(
            "INSERT INTO canary_marker VALUES (1, '" + (db == scenario.source ? 'S' : 'T') + "')");
      }
    }
    control = scenario.control();
    forward = scenario.dualWriteWithGuardsMet(control, 10);
    assertThat(forward.relay().awaitDrained(PATIENCE)).isTrue();
    control.advance(Phase.SHADOW);

    LagProbe probe = LagProbe.outbox(scenario.source.dataSource(), ControlScenario.MIGRATION);
    // Keys the 10% share would send to the target, to deny; the allow-listed ones are not in it.
    try (ReadCanary unlisted = canaryBuilder(probe).build()) {
      IntStream.range(0, 10_000)
          .mapToObj(i -> "blocked-" + i)
          .filter(unlisted::selects)
          .limit(3)
          .forEach(denied::add);
      assertThat(allowed).noneMatch(unlisted::selects);
    }
    meters = new SimpleMeterRegistry();
    canary = canaryBuilder(probe).allow(allowed).deny(denied).meterRegistry(meters).build();
    dataSource =
        DualWriteDataSource.builder(ControlScenario.MIGRATION)
            .source(scenario.sourcePool)
            .target(scenario.targetPool)
            .phaseReader(control.phaseReader())
            .readCanary(canary)
            .statementObserver(
                new StatementObserver() {
                  @Override
                  public void executed(
                      String migration,
                      Phase.Side side,
                      String sql,
                      long nanos,
                      SQLException failure) {
                    observedSides.add(side);
                  }
                })
            .build();
    await().atMost(PATIENCE).until(() -> !canary.guardHolds());
  }

  private static ReadCanary.Builder canaryBuilder(LagProbe probe) {
    return ReadCanary.builder(ControlScenario.MIGRATION)
        .percentage(10)
        .maxLag(MAX_LAG)
        .lagRefresh(Duration.ofMillis(50))
        .lagProbe(probe);
  }

  @AfterEach
  void close() throws Exception {
    if (canary != null) {
      canary.close();
    }
    scenario.close();
  }

  @Test
  void tenPercentOfKeysReadFromTheTargetAndEachKeyAlwaysOnTheSameSide() throws SQLException {
    char[] first = new char[10_000];
    char[] again = new char[10_000];
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      // Autocommit single reads, then the same keys as read-only transactions.
      for (int i = 0; i < first.length; i++) {
        try (RouteScope scope = dataSource.route("user-" + i)) {
          first[i] = marker(connection);
        }
      }
      connection.setAutoCommit(false);
      for (int i = 0; i < again.length; i++) {
        try (RouteScope scope = dataSource.route("user-" + i)) {
          again[i] = marker(connection);
          connection.commit();
        }
      }
    }
    long onTarget = new String(first).chars().filter(c -> c == 'T').count();
    System.out.printf(
        "%s -> %s read canary at 10%%: %d of 10000 keys served by the target%n",
        from(), to(), onTarget);
    assertThat(onTarget).isBetween(900L, 1100L);
    assertThat(new String(first).chars().filter(c -> c != 'T' && c != 'S')).isEmpty();
    assertThat(again).as("each key on the same side the second time").isEqualTo(first);
    assertThat(meters.get("zdm.reads").tags("side", "target", "route", "canary").counter().count())
        .isEqualTo(2.0 * onTarget);
    assertThat(meters.get("zdm.reads").tags("side", "source").counter().count())
        .isEqualTo(2.0 * (10_000 - onTarget));
    assertThat(observedSides.stream().filter(s -> s == Phase.Side.TARGET).count())
        .isEqualTo(2 * onTarget);

    control.attach(canary);
    InstrumentReport report = control.status().instruments().get(0);
    assertThat(report.name()).isEqualTo("read-canary");
    assertThat(report.figures())
        .containsEntry("percentage", 10.0)
        .containsEntry("readsTargetCanary", 2 * onTarget)
        .containsEntry("lagGuard", "open");
  }

  @Test
  void allowListedKeysAlwaysReadFromTheTargetDenyListedAndUnkeyedFromTheSource()
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      for (int round = 0; round < 20; round++) {
        for (String key : allowed) {
          try (RouteScope scope = dataSource.route(key)) {
            assertThat(marker(connection)).as(key).isEqualTo('T');
          }
        }
        for (String key : denied) {
          try (RouteScope scope = dataSource.route(key)) {
            assertThat(marker(connection)).as(key).isEqualTo('S');
          }
        }
        assertThat(marker(connection)).as("no key").isEqualTo('S');
      }
      // Nested scopes restore the outer key; the thread's fallback key applies outside scopes.
      try (RouteScope outer = dataSource.route(denied.get(0))) {
        try (RouteScope inner = dataSource.route(allowed.get(0))) {
          assertThat(marker(connection)).isEqualTo('T');
        }
        assertThat(marker(connection)).isEqualTo('S');
      }
      RouteScope.setThreadKey(allowed.get(1));
      try {
        assertThat(marker(connection)).isEqualTo('T');
        try (RouteScope scope = dataSource.route(denied.get(1))) {
          assertThat(marker(connection)).isEqualTo('S');
        }
        assertThat(marker(connection)).isEqualTo('T');
      } finally {
        RouteScope.clearThreadKey();
      }
      assertThat(marker(connection)).isEqualTo('S');
      // A connection not marked read-only always reads from the authoritative side.
      connection.setReadOnly(false);
      try (RouteScope scope = dataSource.route(allowed.get(0))) {
        assertThat(marker(connection)).isEqualTo('S');
      }
    }
  }

  @Test
  void writesInACanaryScopeGoToTheSource() throws SQLException {
    observedSides.clear();
    long written = 1;
    try (RouteScope scope = dataSource.route(allowed.get(0));
        Connection connection = dataSource.getConnection()) {
      ControlScenario.insert(connection, 7, 1, "S");
      connection.setReadOnly(true);
      // An autocommit write on a read-only connection is no plain read: the authoritative side,
      // where PostgreSQL runs it (pgjdbc enforces read-only only in transactions) and MariaDB's
      // driver refuses it (its session is read-only).
      try {
        ControlScenario.insert(connection, 7, 2, "S");
        written++;
      } catch (SQLException e) {
        assertThat(e.getMessage()).contains("READ ONLY");
      }
      // A read-only transaction the canary sent to the target refuses to write there.
      connection.setAutoCommit(false);
      assertThat(marker(connection)).isEqualTo('T');
      assertThatThrownBy(() -> ControlScenario.insert(connection, 7, 3, "S"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("read canary")
          .hasMessageContaining(ControlScenario.MIGRATION);
      connection.rollback();
    }
    assertThat(observedSides)
        .as("the two writes ran on the source, the read on the target, the refused write nowhere")
        .containsExactly(Phase.Side.SOURCE, Phase.Side.SOURCE, Phase.Side.TARGET);
    assertThat(
            ControlScenario.count(
                scenario.sourcePool, "SELECT COUNT(*) FROM ledger WHERE writer = 7"))
        .isEqualTo(written);
    assertThat(forward.relay().awaitDrained(PATIENCE)).isTrue();
    assertThat(scenario.rows(scenario.target)).isEqualTo(scenario.rows(scenario.source));
  }

  @Test
  void lagAboveTheBoundHoldsEveryCanaryReadOnTheSourceUntilItDrains() throws Exception {
    List<String> keys = new ArrayList<>(allowed);
    IntStream.range(0, 2000).mapToObj(i -> "user-" + i).filter(canary::selects).forEach(keys::add);
    assertThat(keys).hasSizeGreaterThan(150);
    assertThat(sides(keys)).containsOnly('T');

    // Stop the relay; captured writes wait in the outbox and age past the bound.
    forward.close();
    for (int i = 0; i < 5; i++) {
      ControlScenario.insert(scenario.sourcePool, 8, i, "S");
    }
    await().atMost(PATIENCE).until(canary::guardHolds);
    double held = meters.get("zdm.canary.lag.held").counter().count();
    assertThat(sides(keys)).containsOnly('S');
    assertThat(meters.get("zdm.canary.lag.held").counter().count()).isEqualTo(held + keys.size());
    control.attach(canary);
    assertThat(control.status().instruments().get(0).figures())
        .containsEntry("lagGuard", "holding");

    Replication restarted = scenario.started(control.forwardReplication(ControlScenario.RELAY));
    assertThat(restarted.relay().awaitDrained(PATIENCE)).isTrue();
    await().atMost(PATIENCE).until(() -> !canary.guardHolds());
    assertThat(sides(keys)).containsOnly('T');
  }

  private List<Character> sides(List<String> keys) throws SQLException {
    List<Character> sides = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      for (String key : keys) {
        try (RouteScope scope = dataSource.route(key)) {
          sides.add(marker(connection));
        }
      }
    }
    return sides;
  }

  private static char marker(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT side FROM canary_marker WHERE id = 1")) {
      row.next();
      return row.getString(1).charAt(0);
    }
  }
}
