package dev.zdm.jdbc.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.Phase;
import dev.zdm.control.PhaseConflictException;
import dev.zdm.control.PhaseState;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.jdbc.schema.SchemaInstaller;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two independent phase stores (separate pools, as two service instances have) race to advance from
 * the same reading, many times: each round exactly one wins, the other gets a conflict, and both
 * databases end up with the winner's state.
 */
@RealDatabaseTest
class JdbcPhaseStoreTest {

  private static final int ROUNDS = 40;

  @Test
  void twoStoresRacingFromTheSameReadingExactlyOneWinsEachRound(TestDatabases databases)
      throws Exception {
    TestDatabase source = databases.create(Engine.MARIADB, "race_source");
    TestDatabase target = databases.create(Engine.POSTGRES, "race_target");
    for (TestDatabase db : List.of(source, target)) {
      SchemaInstaller.builder(db.dataSource()).build().install();
    }
    try (var sourceA = pool(source, "a-source");
        var targetA = pool(target, "a-target");
        var sourceB = pool(source, "b-source");
        var targetB = pool(target, "b-target")) {
      JdbcPhaseStore a =
          new JdbcPhaseStore(
              ControlScenario.MIGRATION, ZdmDatabase.of(sourceA), ZdmDatabase.of(targetA));
      JdbcPhaseStore b =
          new JdbcPhaseStore(
              ControlScenario.MIGRATION, ZdmDatabase.of(sourceB), ZdmDatabase.of(targetB));
      a.ensureRecorded();
      b.ensureRecorded();
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < ROUNDS; round++) {
          PhaseState seen = a.read();
          assertThat(b.read()).isEqualTo(seen);
          Phase next = seen.phase() == Phase.DUAL_WRITE ? Phase.SHADOW : Phase.DUAL_WRITE;
          CyclicBarrier start = new CyclicBarrier(2);
          List<Future<Object>> outcomes = new ArrayList<>();
          for (JdbcPhaseStore store : List.of(a, b)) {
            outcomes.add(
                threads.submit(
                    () -> {
                      start.await();
                      try {
                        return store.compareAndSet(seen, next);
                      } catch (PhaseConflictException e) {
                        return e;
                      }
                    }));
          }
          List<Object> results = new ArrayList<>();
          for (Future<Object> outcome : outcomes) {
            results.add(outcome.get(30, TimeUnit.SECONDS));
          }
          assertThat(results).filteredOn(PhaseState.class::isInstance).hasSize(1);
          assertThat(results).filteredOn(PhaseConflictException.class::isInstance).hasSize(1);
          PhaseState expected = new PhaseState(ControlScenario.MIGRATION, next, seen.epoch() + 1);
          assertThat(a.read(Phase.Side.SOURCE)).contains(expected);
          assertThat(b.read(Phase.Side.TARGET)).contains(expected);
        }
      } finally {
        threads.shutdownNow();
      }
    }
  }

  @Test
  void whenOneDatabaseIsDownTheOtherOnesRowIsRead(TestDatabases databases) {
    TestDatabase source = databases.create(Engine.POSTGRES, "down_source");
    SchemaInstaller.builder(source.dataSource()).build().install();
    org.postgresql.ds.PGSimpleDataSource unreachable = new org.postgresql.ds.PGSimpleDataSource();
    unreachable.setServerNames(new String[] {"127.0.0.1"});
    unreachable.setPortNumbers(new int[] {1});
    unreachable.setConnectTimeout(2);
    JdbcPhaseStore store =
        new JdbcPhaseStore(
            ControlScenario.MIGRATION,
            ZdmDatabase.of(source.dataSource()),
            ZdmDatabase.of(
                unreachable,
                dev.zdm.jdbc.Dialects.detect(source.dataSource()),
                dev.zdm.jdbc.schema.ZdmTables.defaults()));
    JdbcPhaseStore ok =
        new JdbcPhaseStore(
            ControlScenario.MIGRATION,
            ZdmDatabase.of(source.dataSource()),
            ZdmDatabase.of(source.dataSource()));
    ok.ensureRecorded();
    ok.compareAndSet(ok.read(), Phase.DUAL_WRITE);

    assertThat(store.read())
        .isEqualTo(new PhaseState(ControlScenario.MIGRATION, Phase.DUAL_WRITE, 1));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.read(Phase.Side.TARGET))
        .hasMessageContaining("reading the phase in the target database failed");
  }

  private static com.zaxxer.hikari.HikariDataSource pool(TestDatabase db, String name) {
    return dev.zdm.jdbc.relay.RelayScenario.pool(db.jdbcUrlWithCredentials(), name);
  }
}
