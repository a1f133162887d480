package dev.zdm.jdbc.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.jdbc.Replication;
import dev.zdm.test.Engine;
import dev.zdm.test.TestDatabases;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
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
 * Law 2 (convergence) and law 1 (no loss) under random concurrent workloads: while the relay runs,
 * writers insert, update and delete rows of a small, hot key space (composite keys, NULLs,
 * unicode); once they stop and the outbox drains, the target equals the source row for row, read
 * independently of zdm. Subclasses pick the pair of engines.
 */
abstract class RelayConvergenceProperties {

  /** A random workload: how many writers, how many writes each, over how many keys. */
  record Workload(long seed, int writers, int writesEach, int keySpace) {}

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
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 40),
            Arbitraries.integers().between(1, 25))
        .as(Workload::new);
  }

  void targetConvergesToSource(Workload workload) throws Exception {
    scenario.reset();
    List<Callable<Integer>> tasks =
        ItemsWorkload.writers(
            scenario.source,
            workload.seed(),
            workload.writers(),
            workload.writesEach(),
            workload.keySpace());
    for (Future<Integer> done : writers.invokeAll(tasks)) {
      done.get();
    }

    assertThat(replication.relay().awaitDrained(Duration.ofSeconds(30)))
        .as("outbox drained")
        .isTrue();
    scenario.assertTargetEqualsSource();
  }
}
