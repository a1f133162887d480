package dev.zdm.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.zdm.test.RealDatabasesSamples.IsolationSample;
import dev.zdm.test.RealDatabasesSamples.MissingServerLocallySample;
import dev.zdm.test.RealDatabasesSamples.MissingServerOnCiSample;
import dev.zdm.test.RealDatabasesSamples.OtherIsolationSample;
import dev.zdm.test.RealDatabasesSamples.SharingSample;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.opentest4j.TestAbortedException;

/** Runs {@link RealDatabasesSamples} in-process to check the extension's class-level behaviour. */
class RealDatabasesTest {
  @Test
  void sharesOneInstancePerClassAndDropsItsDatabasesAfterTheClass() throws SQLException {
    SharingSample.SEEN.clear();
    SharingSample.CREATED.clear();

    Map<Class<?>, Outcome> outcomes = run(SharingSample.class);

    assertThat(outcomes.get(SharingSample.class).classResult.getStatus())
        .isEqualTo(Status.SUCCESSFUL);
    assertThat(outcomes.get(SharingSample.class).tests)
        .containsOnly(Map.entry(Status.SUCCESSFUL, 4));
    Set<TestDatabases> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    distinct.addAll(SharingSample.SEEN);
    assertThat(SharingSample.SEEN).hasSize(1 + 4 + 4);
    assertThat(distinct).hasSize(1);
    assertThat(SharingSample.CREATED)
        .extracting(TestDatabase::engine)
        .containsExactlyInAnyOrder(Engine.H2, Engine.POSTGRES, Engine.MARIADB);
    for (TestDatabase database : SharingSample.CREATED) {
      assertThat(DatabaseExistence.exists(database)).as(database.describe()).isFalse();
    }
  }

  @Test
  void classesNeverSeeEachOthersTables() {
    Map<Class<?>, Outcome> outcomes = run(IsolationSample.class, OtherIsolationSample.class);

    for (Class<?> sample : new Class<?>[] {IsolationSample.class, OtherIsolationSample.class}) {
      assertThat(outcomes.get(sample).tests).containsOnly(Map.entry(Status.SUCCESSFUL, 1));
    }
  }

  @Test
  void missingServerFailsTheClassOnCiAndSkipsItElsewhere() {
    Map<Class<?>, Outcome> outcomes =
        run(MissingServerOnCiSample.class, MissingServerLocallySample.class);

    TestExecutionResult onCi = outcomes.get(MissingServerOnCiSample.class).classResult;
    assertThat(onCi.getStatus()).isEqualTo(Status.FAILED);
    assertThat(onCi.getThrowable())
        .containsInstanceOf(IllegalStateException.class)
        .get()
        .extracting(Throwable::getMessage)
        .asString()
        .contains("PostgreSQL is not available", "ZDM_TEST_POSTGRES_URL");
    TestExecutionResult locally = outcomes.get(MissingServerLocallySample.class).classResult;
    assertThat(locally.getStatus()).isEqualTo(Status.ABORTED);
    assertThat(locally.getThrowable()).containsInstanceOf(TestAbortedException.class);
    assertThat(outcomes.get(MissingServerLocallySample.class).tests).isEmpty();
  }

  /** How a sample class ended, and how many of its tests ended how. */
  private static final class Outcome {
    TestExecutionResult classResult;
    final Map<Status, Integer> tests = new EnumMap<>(Status.class);
  }

  private static Map<Class<?>, Outcome> run(Class<?>... samples) {
    Map<Class<?>, Outcome> outcomes = new ConcurrentHashMap<>();
    Map<String, Class<?>> byName =
        Arrays.stream(samples).collect(Collectors.toMap(Class::getName, type -> type));
    TestExecutionListener listener =
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            for (Map.Entry<String, Class<?>> sample : byName.entrySet()) {
              if (!id.getUniqueId().contains("[class:" + sample.getKey() + "]")) {
                continue;
              }
              Outcome outcome = outcomes.computeIfAbsent(sample.getValue(), k -> new Outcome());
              if (id.isTest()) {
                outcome.tests.merge(result.getStatus(), 1, Integer::sum);
              } else if (id.getSource().filter(ClassSource.class::isInstance).isPresent()) {
                outcome.classResult = result;
              }
            }
          }
        };
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(samples).map(type -> selectClass(type)).toList())
                .build(),
            listener);
    return outcomes;
  }
}
