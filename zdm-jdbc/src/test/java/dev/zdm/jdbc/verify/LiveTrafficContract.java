package dev.zdm.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.zdm.backfill.BackfillConfig;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.Replication;
import dev.zdm.jdbc.Verification;
import dev.zdm.jdbc.relay.ItemsWorkload;
import dev.zdm.jdbc.relay.RelayScenario;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import dev.zdm.verify.Difference;
import dev.zdm.verify.VerificationReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier while the service writes and the relay replicates: an in-sync pair verifies clean
 * although rows change under the comparison, planted differences are still found exactly, and
 * repair followed by a second verification is clean, all under continuous writes. Subclasses pick
 * the engines.
 */
@RealDatabaseTest
abstract class LiveTrafficContract {

  private static final int KEY_SPACE = 200;

  private RelayScenario scenario;
  private final AtomicBoolean writing = new AtomicBoolean(true);
  private final AtomicLong writes = new AtomicLong();
  private final List<Thread> writers = new ArrayList<>();

  abstract Engine from();

  abstract Engine to();

  @BeforeEach
  void databases(TestDatabases databases) throws SQLException {
    scenario = new RelayScenario(databases, from(), to());
  }

  @AfterEach
  void stopWriters() throws InterruptedException {
    writing.set(false);
    for (Thread writer : writers) {
      writer.join(10_000);
    }
  }

  private void startWriters(int count) {
    for (int w = 0; w < count; w++) {
      Random random = new Random(42 + w);
      Thread writer =
          new Thread(
              () -> {
                try (Connection connection = scenario.source.connect()) {
                  while (writing.get()) {
                    if (ItemsWorkload.write(connection, random, KEY_SPACE)) {
                      writes.incrementAndGet();
                    }
                  }
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              },
              "app-writer-" + w);
      writer.start();
      writers.add(writer);
    }
  }

  private Verification verification() {
    Verification verification =
        Verification.builder(RelayScenario.MIGRATION)
            .from(scenario.source.dataSource())
            .to(scenario.target.dataSource())
            .table(ItemsWorkload.TABLE)
            .relayPartitions(RelayScenario.fastRelay().partitions())
            .config(BackfillConfig.builder().chunkSize(50, 10, 50).maxConcurrency(2).build())
            .leafRows(8)
            .recheck(5, Duration.ofSeconds(30))
            .build();
    verification.install();
    return verification;
  }

  private static void execute(TestDatabase db, String sql, Object... parameters)
      throws SQLException {
    try (Connection connection = db.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      assertThat(statement.executeUpdate()).isEqualTo(1);
    }
  }

  private static boolean exists(TestDatabase db, long id, String region) throws SQLException {
    try (Connection connection = db.connect();
        PreparedStatement query =
            connection.prepareStatement("SELECT 1 FROM items WHERE id = ? AND region = ?")) {
      query.setLong(1, id);
      query.setString(2, region);
      try (ResultSet row = query.executeQuery()) {
        return row.next();
      }
    }
  }

  @Test
  void underContinuousWritesAnInSyncPairIsCleanAndPlantedDifferencesAreFoundAndRepaired()
      throws SQLException {
    try (Replication replication = scenario.replication()) {
      replication.start();
      startWriters(3);
      await().atMost(Duration.ofSeconds(60)).until(() -> writes.get() >= 500);
      Verification verification = verification();

      long before = writes.get();
      VerificationReport inSync = verification.run();
      assertThat(writes.get()).as("the application wrote during the run").isGreaterThan(before);
      assertThat(inSync.differences()).isEmpty();
      assertThat(inSync.rowsCompared()).isPositive();

      // Outside the writers' key space: one row missing, one extra, one changed on the target.
      execute(scenario.source, "INSERT INTO items VALUES (?, 'eu', 'kept', 1, 1.000)", 100_000L);
      execute(scenario.source, "INSERT INTO items VALUES (?, 'us', 'name', 2, 2.000)", 100_001L);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  exists(scenario.target, 100_000, "eu") && exists(scenario.target, 100_001, "us"));
      execute(scenario.target, "DELETE FROM items WHERE id = ? AND region = 'eu'", 100_000L);
      execute(
          scenario.target,
          "UPDATE items SET name = 'other' WHERE id = ? AND region = 'us'",
          100_001L);
      execute(scenario.target, "INSERT INTO items VALUES (?, 'ap', 'extra', 3, 3.000)", 100_002L);

      VerificationReport planted = verification.run();
      assertThat(planted.differences())
          .extracting(Difference::key, Difference::kind, Difference::columns)
          .containsExactly(
              tuple(RowKey.of(100_000L, "eu"), Difference.Kind.MISSING_ON_TARGET, List.of()),
              tuple(RowKey.of(100_002L, "ap"), Difference.Kind.EXTRA_ON_TARGET, List.of()),
              tuple(RowKey.of(100_001L, "us"), Difference.Kind.DIFFERENT, List.of("name")));

      assertThat(verification.repair(planted)).isEqualTo(3);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  exists(scenario.target, 100_000, "eu")
                      && !exists(scenario.target, 100_002, "ap"));
      VerificationReport repaired = verification.run();
      assertThat(repaired.differences()).isEmpty();
      assertThat(repaired.outcome()).isEqualTo(VerificationReport.Outcome.CLEAN);

      writing.set(false);
      assertThat(replication.relay().awaitDrained(Duration.ofSeconds(60))).isTrue();
      scenario.assertTargetEqualsSource();
    }
  }

  @Test
  void repairWritesEachKeyAsTheCaptureTriggerDoes() throws SQLException {
    try (Replication replication = scenario.replication()) {
      // Not started: the outbox keeps what is written to it.
      execute(scenario.source, "INSERT INTO items VALUES (?, 'eu', 'x', 1, 1.000)", 5L);
      execute(scenario.source, "INSERT INTO items VALUES (?, '日本', 'x', 1, 1.000)", 6L);
      execute(scenario.source, "DELETE FROM items WHERE id = ? AND region = '日本'", 6L);
      List<String> captured = outbox();
      try (Connection connection = scenario.source.connect();
          Statement statement = connection.createStatement()) {
        statement.execute("DELETE FROM zdm_changes");
      }
      Verification verification = verification();
      VerificationReport report =
          new VerificationReport(
              RelayScenario.MIGRATION,
              java.time.Instant.EPOCH,
              java.time.Instant.EPOCH,
              List.of(
                  new dev.zdm.verify.TableReport(
                      "items",
                      "items",
                      0,
                      0,
                      0,
                      Duration.ZERO,
                      List.of(
                          difference(RowKey.of(5L, "eu"), Difference.Kind.MISSING_ON_TARGET),
                          difference(RowKey.of(6L, "日本"), Difference.Kind.EXTRA_ON_TARGET)))),
              java.util.Optional.empty());

      assertThat(verification.repair(report)).isEqualTo(2);

      assertThat(outbox())
          .containsExactlyInAnyOrderElementsOf(captured.stream().distinct().toList());
    }
  }

  private static Difference difference(RowKey key, Difference.Kind kind) {
    return new Difference("items", key, kind, List.of(), java.util.Map.of(), java.util.Map.of());
  }

  /** The outbox's rows as text, table, key text and partition, without op and id. */
  private List<String> outbox() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = scenario.source.connect();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT migration, table_name, pk, partition_no FROM zdm_changes ORDER BY id")) {
      while (row.next()) {
        rows.add(
            row.getString(1)
                + "|"
                + row.getString(2)
                + "|"
                + row.getString(3)
                + "|"
                + row.getInt(4));
      }
    }
    assertThat(rows).isNotEmpty();
    return rows;
  }
}
