package dev.zdm.jdbc.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.zdm.backfill.BackfillConfig;
import dev.zdm.backfill.BackfillListener;
import dev.zdm.backfill.BackfillProgress;
import dev.zdm.backfill.Checkpoint;
import dev.zdm.jdbc.Backfill;
import dev.zdm.jdbc.Replication;
import dev.zdm.jdbc.relay.ItemsWorkload;
import dev.zdm.jdbc.relay.RelayScenario;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TcpProxy;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backfill's runtime controls between two real databases: pause and resume, the rate limit,
 * back-off while a source health query or the relay's lag is over its bound (each counted as
 * throttled time), the meters and listener events of a run, and several tables in one backfill.
 * Progress is read from zdm's checkpoints with plain SQL. Subclasses pick the pair of engines.
 */
@RealDatabaseTest
abstract class BackfillControlContract {

  private RelayScenario scenario;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  abstract Engine from();

  abstract Engine to();

  @BeforeEach
  void databases(TestDatabases databases) throws SQLException {
    scenario = new RelayScenario(databases, from(), to());
  }

  private void seed(int rows) throws SQLException {
    try (Connection source = scenario.source.connect();
        PreparedStatement insert =
            source.prepareStatement(
                "INSERT INTO items (id, region, name, qty, price) VALUES (?, ?, ?, ?, ?)")) {
      source.setAutoCommit(false);
      for (int i = 0; i < rows; i++) {
        insert.setLong(1, i);
        insert.setString(2, "eu");
        insert.setString(3, "item " + i);
        insert.setInt(4, i);
        insert.setBigDecimal(5, BigDecimal.valueOf(i, 2));
        insert.addBatch();
      }
      insert.executeBatch();
      source.commit();
    }
  }

  private Backfill.Builder backfill(BackfillConfig config) {
    return Backfill.builder(RelayScenario.MIGRATION)
        .from(scenario.source.dataSource())
        .to(scenario.target.dataSource())
        .table(ItemsWorkload.TABLE)
        .config(config)
        .meterRegistry(registry);
  }

  private static BackfillConfig.Builder chunks(int size) {
    return BackfillConfig.builder()
        .maxConcurrency(2)
        .rangesPerTable(4)
        .chunkSize(size, size, size)
        .probeInterval(Duration.ofMillis(100));
  }

  private long copied() throws SQLException {
    return single(scenario.target, "SELECT COALESCE(SUM(rows_copied), 0) FROM zdm_checkpoints");
  }

  private static long single(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet row = s.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  private double throttledMillis(String reason) {
    var timer = registry.find("zdm.backfill.throttled").tag("reason", reason).timer();
    return timer == null ? 0 : timer.totalTime(TimeUnit.MILLISECONDS);
  }

  /** Nothing is copied for 800 ms. */
  private void assertHeldBack() {
    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(10))
        .until(() -> copied() == 0);
  }

  private void assertAllCopiedAfterWaiting(long rows, String reason) throws SQLException {
    assertThat(copied()).isEqualTo(rows);
    assertThat(throttledMillis(reason)).isGreaterThanOrEqualTo(800);
    scenario.assertTargetEqualsSource();
  }

  /** Records chunks and waits the listener hears. */
  private static final class Heard implements BackfillListener {
    final AtomicInteger chunks = new AtomicInteger();
    final AtomicLong rows = new AtomicLong();
    final AtomicInteger rangesDone = new AtomicInteger();
    final AtomicInteger completed = new AtomicInteger();
    final List<String> waits = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void chunkCopied(String migration, Checkpoint checkpoint, int n, Duration lockTime) {
      chunks.incrementAndGet();
      rows.addAndGet(n);
    }

    @Override
    public void rangeDone(String migration, Checkpoint checkpoint) {
      rangesDone.incrementAndGet();
    }

    @Override
    public void throttled(String migration, String reason, Duration waited) {
      waits.add(reason);
    }

    @Override
    public void completed(String migration, BackfillProgress progress) {
      completed.incrementAndGet();
    }
  }

  @Test
  void pauseStopsNewChunksAtRuntimeAndResumeFinishes() throws SQLException {
    seed(4000);
    Heard heard = new Heard();
    try (Backfill backfill = backfill(chunks(100).build()).listener(heard).build()) {
      backfill.install();
      backfill.rowsPerSecond(2000); // slow enough to pause midway
      backfill.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> copied() >= 400);
      backfill.pause();
      long atPause = copied();
      // Chunks in flight finish (2 workers x 100 rows); no new one starts.
      await()
          .during(Duration.ofMillis(800))
          .atMost(Duration.ofSeconds(10))
          .until(() -> copied() <= atPause + 200);
      assertThat(backfill.progress().done()).isFalse();
      backfill.resume();
      backfill.rowsPerSecond(0);
      assertThat(backfill.awaitCompletion(Duration.ofSeconds(60))).isTrue();
    }
    assertAllCopiedAfterWaiting(4000, "paused");
    assertThat(heard.waits).contains("paused");
  }

  @Test
  void theRateLimitHolds() throws SQLException {
    seed(3000);
    long started;
    try (Backfill backfill = backfill(chunks(100).rowsPerSecond(2000).build()).build()) {
      backfill.install();
      started = System.nanoTime();
      backfill.run();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    // Two chunks may start at once before the first is charged; the other 2,800 rows wait.
    assertThat(seconds).as("seconds for 3,000 rows at 2,000 rows/s").isGreaterThan(1.4);
    assertThat(throttledMillis("rate-limit")).isGreaterThan(1000);
    scenario.assertTargetEqualsSource();
  }

  @Test
  void aSourceHealthQueryOverItsBoundHoldsTheBackfillBack() throws SQLException {
    seed(1000);
    try (Connection c = scenario.source.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE health (load_now INTEGER)");
      s.execute("INSERT INTO health VALUES (90)");
    }
    Heard heard = new Heard();
    try (Backfill backfill =
        backfill(chunks(100).build())
            .sourceHealth("SELECT load_now FROM health", 50)
            .listener(heard)
            .build()) {
      backfill.install();
      backfill.start();
      assertHeldBack();
      try (Connection c = scenario.source.connect();
          Statement s = c.createStatement()) {
        s.execute("UPDATE health SET load_now = 10");
      }
      assertThat(backfill.awaitCompletion(Duration.ofSeconds(60))).isTrue();
    }
    assertAllCopiedAfterWaiting(1000, "source-health");
    assertThat(heard.waits).contains("source-health");
  }

  @Test
  void relayLagOverItsBoundHoldsTheBackfillBackUntilTheRelayCatchesUp() throws Exception {
    seed(1000);
    try (TcpProxy proxy = TcpProxy.inFrontOf(scenario.target.jdbcUrl());
        HikariDataSource viaProxy =
            RelayScenario.pool(
                proxy.rewrite(scenario.target.jdbcUrlWithCredentials()), "target-via-proxy");
        Replication replication = scenario.replication(viaProxy, RelayScenario.fastRelay())) {
      replication.start();
      proxy.cut(); // the relay cannot reach the target: its lag grows
      try (Connection c = scenario.source.connect();
          Statement s = c.createStatement()) {
        s.execute("UPDATE items SET qty = qty + 1 WHERE id < 10");
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> replication.relay().lag().compareTo(Duration.ofMillis(500)) > 0);
      try (Backfill backfill =
          backfill(chunks(100).build())
              .backOffWhenRelayLagAbove(replication.relay(), Duration.ofMillis(500))
              .build()) {
        backfill.install();
        backfill.start();
        assertHeldBack();
        proxy.restore();
        assertThat(backfill.awaitCompletion(Duration.ofSeconds(60))).isTrue();
      }
      assertThat(replication.relay().awaitDrained(Duration.ofSeconds(30))).isTrue();
    }
    assertAllCopiedAfterWaiting(1000, "relay-lag");
  }

  @Test
  void metersAndListenerEventsMatchWhatWasCopied() throws SQLException {
    seed(2000);
    Heard heard = new Heard();
    try (Backfill backfill = backfill(chunks(150).build()).listener(heard).build()) {
      backfill.install();
      BackfillProgress done = backfill.run();
      assertThat(done.rowsCopied()).isEqualTo(2000);
      assertThat(done.percent()).isEqualTo(100.0);
    }
    assertThat(heard.rows).hasValue(2000);
    assertThat(heard.rangesDone).hasValue(4);
    assertThat(heard.completed).hasValue(1);
    assertThat(registry.get("zdm.backfill.rows.copied").tag("table", "items").counter().count())
        .isEqualTo(2000);
    assertThat(registry.get("zdm.backfill.ranges.done").tag("table", "items").gauge().value())
        .isEqualTo(4);
    assertThat(registry.get("zdm.backfill.percent").tag("table", "items").gauge().value())
        .isEqualTo(100);
    var chunkTime = registry.get("zdm.backfill.chunk.duration").tag("table", "items").timer();
    assertThat(chunkTime.count()).isEqualTo(heard.chunks.get());
    assertThat(chunkTime.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(
            registry.get("zdm.backfill.chunk.size").tag("table", "items").summary().totalAmount())
        .isEqualTo(2000);
    assertThat(copied()).isEqualTo(2000);
  }

  @Test
  void severalTablesAreCopiedInOneBackfill() throws SQLException {
    seed(1500);
    for (TestDatabase db : List.of(scenario.source, scenario.target)) {
      String text =
          db.engine() == Engine.MARIADB ? "VARCHAR(40) COLLATE utf8mb4_bin" : "VARCHAR(40)";
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE notes (k " + text + " PRIMARY KEY, body VARCHAR(200))");
      }
    }
    try (Connection c = scenario.source.connect();
        PreparedStatement insert = c.prepareStatement("INSERT INTO notes VALUES (?, ?)")) {
      for (int i = 0; i < 700; i++) {
        insert.setString(1, "note-" + (i * 31 % 700));
        insert.setString(2, "body " + i);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (Backfill backfill = backfill(chunks(100).build()).table("notes").build()) {
      backfill.install();
      BackfillProgress done = backfill.run();
      assertThat(done.tables())
          .extracting(BackfillProgress.Table::table)
          .containsExactly("items", "notes");
      assertThat(done.tables())
          .extracting(BackfillProgress.Table::rowsCopied)
          .containsExactly(1500L, 700L);
    }
    scenario.assertTargetEqualsSource();
    assertThat(notes(scenario.target)).isEqualTo(notes(scenario.source)).hasSize(700);
  }

  private static List<String> notes(TestDatabase db) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT k, body FROM notes ORDER BY body")) {
      while (r.next()) {
        rows.add(r.getString(1) + "|" + r.getString(2));
      }
    }
    return rows;
  }
}
