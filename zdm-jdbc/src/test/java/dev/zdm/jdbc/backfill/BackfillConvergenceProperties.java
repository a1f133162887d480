package dev.zdm.jdbc.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.backfill.BackfillConfig;
import dev.zdm.jdbc.Backfill;
import dev.zdm.jdbc.Replication;
import dev.zdm.jdbc.relay.ItemsWorkload;
import dev.zdm.jdbc.relay.RelayScenario;
import dev.zdm.test.Engine;
import dev.zdm.test.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Laws 2 and 3 for the backfill: a table with history is backfilled while random writers insert,
 * update and delete rows of a small, hot key space (so chunks meet deletes and updates of their own
 * rows) and capture plus relay carry the live changes; once the writers stop, the backfill ends and
 * the outbox drains, the target equals the source row for row, read independently of zdm. A stale
 * chunk or a resurrected row would show as a difference. Subclasses pick the pair of engines.
 */
abstract class BackfillConvergenceProperties {

  /** A random history and workload. */
  record Workload(long seed, int history, int writers, int writesEach, int chunk, int ranges) {}

  private static TestDatabases databases;
  private static RelayScenario scenario;
  private static Replication replication;
  private static ExecutorService writers;

  static void open(Engine from, Engine to) throws SQLException {
    databases = new TestDatabases();
    scenario = new RelayScenario(databases, from, to);
    replication = scenario.replication();
    replication.start();
    writers = Executors.newFixedThreadPool(3);
  }

  @AfterContainer
  static void close() {
    if (writers != null) {
      writers.shutdownNow();
    }
    if (replication != null) {
      replication.close();
    }
    if (databases != null) {
      databases.close();
    }
  }

  @Provide
  Arbitrary<Workload> workloads() {
    return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.integers().between(0, 150),
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 60),
            Arbitraries.integers().between(1, 20),
            Arbitraries.integers().between(1, 4))
        .as(Workload::new);
  }

  void targetConvergesToSource(Workload workload) throws Exception {
    scenario.reset();
    try (Connection target = scenario.target.connect();
        Statement statement = target.createStatement()) {
      statement.execute("DELETE FROM zdm_checkpoints");
      statement.execute("DELETE FROM zdm_leases WHERE resource LIKE 'backfill:%'");
    }
    Random history = new Random(workload.seed());
    try (Connection source = scenario.source.connect()) {
      for (int i = 0; i < workload.history(); i++) {
        ItemsWorkload.write(source, history, 60);
      }
    }
    // What existed before capture mattered is history: only the backfill may carry it.
    replication.relay().awaitDrained(Duration.ofSeconds(30));
    try (Connection target = scenario.target.connect();
        Statement statement = target.createStatement()) {
      statement.execute("DELETE FROM items");
    }

    BackfillConfig config =
        BackfillConfig.builder()
            .maxConcurrency(2)
            .rangesPerTable(workload.ranges())
            .chunkSize(workload.chunk(), 1, workload.chunk())
            .leaseTtl(Duration.ofSeconds(5))
            .build();
    List<Callable<Integer>> tasks =
        ItemsWorkload.writers(
            scenario.source, workload.seed() + 1, workload.writers(), workload.writesEach(), 60);
    try (Backfill backfill =
        Backfill.builder(RelayScenario.MIGRATION)
            .from(scenario.source.dataSource())
            .to(scenario.target.dataSource())
            .table(ItemsWorkload.TABLE)
            .config(config)
            .build()) {
      backfill.start();
      List<Future<Integer>> running = new ArrayList<>();
      for (Callable<Integer> task : tasks) {
        running.add(writers.submit(task));
      }
      for (Future<Integer> done : running) {
        done.get();
      }
      assertThat(backfill.awaitCompletion(Duration.ofSeconds(60))).as("backfill done").isTrue();
    }
    assertThat(replication.relay().awaitDrained(Duration.ofSeconds(30)))
        .as("outbox drained")
        .isTrue();
    scenario.assertTargetEqualsSource();
  }
}
