package dev.zdm.jdbc.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.zdm.jdbc.Replication;
import dev.zdm.jdbc.capture.CaptureInstaller;
import dev.zdm.jdbc.schema.SchemaInstaller;
import dev.zdm.mapping.TableMapping;
import dev.zdm.relay.DeadLetter;
import dev.zdm.test.ChildJvm;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TcpProxy;
import dev.zdm.test.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the relay promises between two real databases: no echo, a refused row parks alone and is
 * delivered after a fix, an outage of the target loses nothing and costs the application nothing,
 * and killed relay processes lose nothing. Subclasses pick the pair of engines.
 */
@RealDatabaseTest
abstract class RelayAcceptanceContract {

  private RelayScenario scenario;

  abstract Engine from();

  abstract Engine to();

  @BeforeEach
  void databases(TestDatabases databases) throws SQLException {
    scenario = new RelayScenario(databases, from(), to());
  }

  private void insert(Connection connection, long id, String region, Integer qty)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO items (id, region, name, qty, price) VALUES (?, ?, 'x', ?, 1.000)")) {
      insert.setLong(1, id);
      insert.setString(2, region);
      insert.setObject(3, qty);
      insert.executeUpdate();
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Test
  void writesTheRelayAppliesAreNotCapturedOnTheOtherSide() throws SQLException {
    // The target captures the table too, as it does for reverse replication after cutover.
    SchemaInstaller.builder(scenario.target.dataSource()).build().install();
    CaptureInstaller.builder(scenario.target.dataSource())
        .migration(RelayScenario.MIGRATION)
        .build()
        .install(ItemsWorkload.TABLE);
    try (Replication replication = scenario.replication();
        Connection source = scenario.source.connect()) {
      for (int i = 0; i < 50; i++) {
        insert(source, i, "eu", i);
      }
      execute(source, "UPDATE items SET qty = qty + 1 WHERE id < 10");
      execute(source, "DELETE FROM items WHERE id >= 40");
      replication.start();
      assertThat(replication.relay().awaitDrained(Duration.ofSeconds(30))).isTrue();
    }

    scenario.assertTargetEqualsSource();
    assertThat(scenario.outboxRows(scenario.target)).as("changes echoed on the target").isZero();
    try (Connection target = scenario.target.connect()) {
      insert(target, 1000, "us", 1);
    }
    assertThat(scenario.outboxRows(scenario.target)).as("a plain write on the target").isEqualTo(1);
  }

  @Test
  void theRelayAppliesTheTableMapping() throws SQLException {
    try (Connection target = scenario.target.connect()) {
      execute(
          target,
          "CREATE TABLE stock (id BIGINT NOT NULL, region VARCHAR(8) NOT NULL, title VARCHAR(100),"
              + " price NUMERIC(12,3) NOT NULL, price_cents BIGINT NOT NULL, PRIMARY KEY (id, region))");
    }
    TableMapping mapping =
        TableMapping.builder(ItemsWorkload.TABLE)
            .targetTable("stock")
            .rename("name", "title")
            .drop("qty")
            .compute(
                "price_cents",
                row -> ((java.math.BigDecimal) row.get("price")).movePointRight(2).longValue())
            .build();
    try (Replication replication =
            Replication.builder(RelayScenario.MIGRATION)
                .from(scenario.source.dataSource())
                .to(scenario.target.dataSource())
                .table(mapping)
                .relay(RelayScenario.fastRelay())
                .build();
        Connection source = scenario.source.connect()) {
      replication.install();
      replication.start();
      execute(source, "INSERT INTO items VALUES (1, 'eu', 'café', 3, 12.345)");
      execute(source, "INSERT INTO items VALUES (2, 'us', NULL, NULL, 0.5)");
      execute(source, "UPDATE items SET name = 'tea', price = 1.005 WHERE id = 1");
      execute(source, "DELETE FROM items WHERE id = 2");
      assertThat(replication.relay().awaitDrained(Duration.ofSeconds(30))).isTrue();
    }
    try (Connection target = scenario.target.connect()) {
      assertThat(IndependentComparison.rows(target, "stock", "id, region"))
          .containsExactly("id=1;region=\"eu\";title=\"tea\";price=1.005;price_cents=100;");
    }
  }

  @Test
  void aRowTheTargetRefusesParksAloneAndIsDeliveredAfterTheFix() throws SQLException {
    try (Connection target = scenario.target.connect()) {
      execute(target, "ALTER TABLE items ADD CONSTRAINT qty_small CHECK (qty < 1000)");
    }
    try (Replication replication = scenario.replication();
        Connection source = scenario.source.connect()) {
      replication.start();
      for (int i = 0; i < 100; i++) {
        insert(source, i, "eu", i == 42 ? 5000 : i);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> scenario.outboxRows(scenario.source) == 0);
      List<DeadLetter> parked = replication.deadLetters().list(10);
      assertThat(parked)
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(letter.keyText()).contains("42").contains("eu");
                assertThat(letter.error()).contains("qty_small");
                assertThat(letter.error()).doesNotContain("5000");
              });
      try (Connection target = scenario.target.connect();
          ResultSet count = target.createStatement().executeQuery("SELECT COUNT(*) FROM items")) {
        count.next();
        assertThat(count.getInt(1)).isEqualTo(99);
      }

      // A later change of the parked row parks behind it, keeping the row's order.
      execute(source, "UPDATE items SET qty = 6000 WHERE id = 42");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> replication.deadLetters().list(10).size() == 2);

      try (Connection target = scenario.target.connect()) {
        // DROP CONSTRAINT in both: MariaDB 10.11 refuses MySQL's DROP CHECK.
        execute(target, "ALTER TABLE items DROP CONSTRAINT qty_small");
      }
      assertThat(replication.deadLetters().replay(parked.get(0).id())).isTrue();
      assertThat(replication.relay().awaitDrained(Duration.ofSeconds(30))).isTrue();
      assertThat(replication.deadLetters().list(10)).isEmpty();
    }
    scenario.assertTargetEqualsSource();
  }

  @Test
  void aThirtySecondTargetOutageCostsTheApplicationNothingAndLosesNothing() throws Exception {
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger writeErrors = new AtomicInteger();
    AtomicInteger writes = new AtomicInteger();
    AtomicBoolean held = new AtomicBoolean();
    try (TcpProxy proxy = TcpProxy.inFrontOf(scenario.target.jdbcUrl());
        HikariDataSource target =
            RelayScenario.pool(
                proxy.rewrite(scenario.target.jdbcUrlWithCredentials()), "target-via-proxy");
        Replication replication = scenario.replication(target, RelayScenario.fastRelay())) {
      replication.start();
      Thread app =
          new Thread(
              () -> {
                Random random = new Random(7);
                try (Connection source = scenario.source.connect()) {
                  while (writing.get()) {
                    if (held.get()) {
                      java.util.concurrent.locks.LockSupport.parkNanos(4_000_000);
                      continue;
                    }
                    try {
                      ItemsWorkload.write(source, random, 500);
                      writes.incrementAndGet();
                    } catch (SQLException e) {
                      writeErrors.incrementAndGet();
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(4_000_000); // ~200 writes/s
                  }
                } catch (Exception e) {
                  writeErrors.incrementAndGet();
                }
              });
      app.start();
      // Replication is flowing: the application writes and the target has caught up once.
      await().atMost(Duration.ofSeconds(20)).until(() -> writes.get() >= 200);
      // The application holds back for a moment so the outbox can empty: on a loaded machine a
      // relay that keeps up may still never see it empty between two writes.
      held.set(true);
      assertThat(replication.relay().awaitDrained(Duration.ofSeconds(60))).isTrue();
      held.set(false);

      proxy.cut();
      java.time.Instant cutAt = java.time.Instant.now();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> replication.relay().breakerState().equals("OPEN"));
      long depthDuringOutage = scenario.outboxRows(scenario.source);
      // The outage lasts 30 s, and the outbox grows meanwhile.
      await()
          .atMost(Duration.ofSeconds(45))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  Duration.between(cutAt, java.time.Instant.now()).toSeconds() >= 30
                      && scenario.outboxRows(scenario.source) > depthDuringOutage);
      assertThat(replication.relay().breakerState()).isNotEqualTo("CLOSED");

      proxy.restore();
      int writesAtRecovery = writes.get();
      await().atMost(Duration.ofSeconds(20)).until(() -> writes.get() >= writesAtRecovery + 200);
      writing.set(false);
      app.join();

      assertThat(replication.relay().awaitDrained(Duration.ofSeconds(60))).isTrue();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> replication.relay().breakerState().equals("CLOSED"));
      assertThat(replication.deadLetters().list(10)).as("an outage parks nothing").isEmpty();
    }
    assertThat(writeErrors.get()).as("application write errors").isZero();
    assertThat(writes.get()).isGreaterThan(1000);
    scenario.assertTargetEqualsSource();
  }

  @Test
  void aRelayKilledWithSigkillMidBatchLosesNothing() throws Exception {
    scenario.replication().close(); // installs schema and capture
    Map<String, String> env = Map.of();
    String from = scenario.source.jdbcUrlWithCredentials();
    String to = scenario.target.jdbcUrlWithCredentials();
    Random random = new Random(11);
    try (Connection source = scenario.source.connect()) {
      for (int round = 0; round < 3; round++) {
        try (ChildJvm relay =
            ChildJvm.start(RelayProcess.class, env, from, to, "doomed-" + round)) {
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> relay.output().contains("relay running"));
          for (int i = 0; i < 400; i++) {
            ItemsWorkload.write(source, random, 300);
          }
          relay.kill();
        }
      }
      for (int i = 0; i < 200; i++) {
        ItemsWorkload.write(source, random, 300);
      }
    }
    try (ChildJvm survivor = ChildJvm.start(RelayProcess.class, env, from, to, "survivor")) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> scenario.outboxRows(scenario.source) == 0);
    }
    scenario.assertTargetEqualsSource();
  }

  @Test
  void twoRelayProcessesShareTheWorkAndTheSurvivorTakesOverFromAKilledOne() throws Exception {
    scenario.replication().close();
    String from = scenario.source.jdbcUrlWithCredentials();
    String to = scenario.target.jdbcUrlWithCredentials();
    Random random = new Random(13);
    try (ChildJvm first = ChildJvm.start(RelayProcess.class, Map.of(), from, to, "first");
        ChildJvm second = ChildJvm.start(RelayProcess.class, Map.of(), from, to, "second");
        Connection source = scenario.source.connect()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  first.output().contains("relay running")
                      && second.output().contains("relay running"));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> partitionOwners().equals(List.of("first", "second")));
      for (int i = 0; i < 500; i++) {
        ItemsWorkload.write(source, random, 200);
      }
      first.kill();
      for (int i = 0; i < 500; i++) {
        ItemsWorkload.write(source, random, 200);
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> partitionOwners().equals(List.of("second")));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> scenario.outboxRows(scenario.source) == 0);
    }
    scenario.assertTargetEqualsSource();
  }

  /** The owners of live partition leases, by the database's own records. */
  private List<String> partitionOwners() throws SQLException {
    try (Connection source = scenario.source.connect();
        PreparedStatement select =
            source.prepareStatement(
                "SELECT DISTINCT owner FROM zdm_leases WHERE resource LIKE 'relay:%'"
                    + " AND expires_at_ms > ? ORDER BY owner")) {
      select.setLong(1, System.currentTimeMillis());
      try (ResultSet rows = select.executeQuery()) {
        List<String> owners = new java.util.ArrayList<>();
        while (rows.next()) {
          owners.add(rows.getString(1).replaceAll("-\\d+$", ""));
        }
        return owners.stream().distinct().toList();
      }
    }
  }
}
