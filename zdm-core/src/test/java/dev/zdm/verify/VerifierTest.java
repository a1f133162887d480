package dev.zdm.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.zdm.backfill.BackfillConfig;
import dev.zdm.backfill.KeyRange;
import dev.zdm.change.RowKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifierTest {

  private final InMemoryComparator table = new InMemoryComparator();

  VerifierTest() {
    for (long k = 1; k <= 10_000; k++) {
      table.source.put(k, "v" + k);
      table.target.put(k, "v" + k);
    }
  }

  private Verifier.Builder verifier() {
    return Verifier.builder("m")
        .comparator(table, "t2")
        .config(BackfillConfig.builder().chunkSize(1000, 10, 1000).maxConcurrency(3).build())
        .leafRows(16);
  }

  @Test
  void equalTablesAreClean() {
    VerificationReport report = verifier().build().run();

    assertThat(report.outcome()).isEqualTo(VerificationReport.Outcome.CLEAN);
    assertThat(report.rowsCompared()).isEqualTo(10_000);
    assertThat(report.tables().get(0).chunks()).isEqualTo(11);
    assertThat(table.rowsComparedOneByOne.get()).isZero();
  }

  @Test
  void bisectionFindsExactlyThePlantedKeysReadingFewRowsOneByOne() {
    table.target.remove(1L);
    table.target.put(5_000L, "changed");
    table.target.put(10_001L, "beyond the last source key");
    table.source.remove(7_777L);

    VerificationReport report = verifier().build().run();

    assertThat(report.differences())
        .extracting(Difference::key, Difference::kind)
        .containsExactly(
            tuple(RowKey.of(1L), Difference.Kind.MISSING_ON_TARGET),
            tuple(RowKey.of(7_777L), Difference.Kind.EXTRA_ON_TARGET),
            tuple(RowKey.of(10_001L), Difference.Kind.EXTRA_ON_TARGET),
            tuple(RowKey.of(5_000L), Difference.Kind.DIFFERENT));
    assertThat(report.tables().get(0).chunksMismatched()).isEqualTo(4);
    // Four mismatching chunks of 1,000 rows, each narrowed to at most 16 rows a side.
    assertThat(table.rowsComparedOneByOne.get()).isLessThanOrEqualTo(4 * 2 * 16);
  }

  @Test
  void aDifferenceTheRelayResolvesBeforeTheRecheckIsNotReported() {
    table.target.put(42L, "stale");
    AtomicLong marks = new AtomicLong();
    RelayWatermark relay =
        new RelayWatermark() {
          @Override
          public long mark() {
            return marks.incrementAndGet();
          }

          @Override
          public boolean passed(long mark) {
            table.target.put(42L, "v42"); // the relay applies the pending change
            return true;
          }
        };

    VerificationReport report = verifier().watermark(relay).build().run();

    assertThat(report.differences()).isEmpty();
    assertThat(report.tables().get(0).chunksMismatched()).isEqualTo(1);
    assertThat(marks.get()).isPositive();
  }

  @Test
  void valuesAppearOnlyWhenShown() {
    table.target.put(3L, "secret");

    Difference hidden = verifier().build().run().differences().get(0);
    Difference shown = verifier().showValues(true).build().run().differences().get(0);

    assertThat(hidden.sourceValues()).isEmpty();
    assertThat(hidden.targetValues()).isEmpty();
    assertThat(shown.targetValues()).containsEntry("v", "secret");
    assertThat(shown.sourceValues()).containsEntry("v", "v3");
  }

  @Test
  void aFailedRunResumesFromTheRangesFoundEqual() {
    MemoryProgress progress = new MemoryProgress();
    AtomicInteger chunks = new AtomicInteger();
    VerifyListener failAfterFive =
        new VerifyListener() {
          @Override
          public void chunkCompared(String migration, String t, long rows, boolean equal) {
            if (chunks.incrementAndGet() == 5) {
              table.failDigests = new IllegalStateException("database gone");
            }
          }
        };
    Verifier.Builder builder =
        Verifier.builder("m")
            .comparator(table, "t2")
            .config(
                BackfillConfig.builder()
                    .chunkSize(1000, 10, 1000)
                    .maxConcurrency(1)
                    .retryAttempts(1)
                    .build())
            .progress(progress);

    VerificationReport failed = builder.listener(failAfterFive).build().run();
    assertThat(failed.outcome()).isEqualTo(VerificationReport.Outcome.FAILED);
    assertThat(failed.error()).get().asString().contains("database gone");
    assertThat(progress.done.get("t")).hasSize(5);

    table.failDigests = null;
    chunks.set(0);
    VerificationReport resumed = builder.listener(VerifyListener.NONE).build().run();
    assertThat(resumed.outcome()).isEqualTo(VerificationReport.Outcome.CLEAN);
    assertThat(resumed.rowsCompared()).isEqualTo(10_000);
    assertThat(progress.ranges).isEmpty();
  }

  @Test
  void aThrowingListenerIsIgnoredAndMetersCount() {
    table.target.remove(10L);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    VerifyListener throwing =
        new VerifyListener() {
          @Override
          public void chunkCompared(String migration, String t, long rows, boolean equal) {
            throw new IllegalStateException("listener bug");
          }
        };

    VerificationReport report = verifier().listener(throwing).meterRegistry(registry).build().run();

    assertThat(report.differenceCount()).isEqualTo(1);
    assertThat(registry.get("zdm.verify.chunks").tag("table", "t").counter().count()).isEqualTo(11);
    assertThat(registry.get("zdm.verify.rows").tag("migration", "m").counter().count())
        .isEqualTo(10_000);
    assertThat(registry.get("zdm.verify.chunks.mismatched").counter().count()).isEqualTo(1);
    assertThat(
            registry
                .get("zdm.verify.differences")
                .tag("kind", "missing_on_target")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void theRateLimitHolds() {
    long start = System.nanoTime();
    verifier()
        .config(BackfillConfig.builder().chunkSize(1000, 10, 1000).rowsPerSecond(20_000).build())
        .build()
        .run();
    // 10,000 rows at 20,000 rows/s: the chunks after the first wait about 0.45 s in all.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(400));
  }

  @Test
  void theReportReadsAsJsonAndText() {
    table.target.remove(2L);
    table.target.put(9L, "x");

    VerificationReport report = verifier().build().run();

    assertThat(report.toJson())
        .startsWith("{\"migration\":\"m\",\"outcome\":\"differences\"")
        .contains("\"rowsCompared\":10000")
        .contains("{\"kind\":\"missing_on_target\",\"key\":[2]}")
        .contains("{\"kind\":\"different\",\"key\":[9],\"columns\":[\"v\"]}")
        .doesNotContain("\"x\"");
    assertThat(report.toText())
        .contains("t -> t2: 10,000 rows")
        .contains("    missing on target [2]\n")
        .contains("    different [9] columns v\n");
  }

  private static final class MemoryProgress implements VerifyProgressStore {
    final Map<String, List<KeyRange>> ranges = new HashMap<>();
    final Map<String, Map<Integer, Long>> done = new HashMap<>();

    @Override
    public synchronized List<KeyRange> ranges(String t) {
      return ranges.getOrDefault(t, List.of());
    }

    @Override
    public synchronized Map<Integer, Long> done(String t) {
      return Map.copyOf(done.getOrDefault(t, Map.of()));
    }

    @Override
    public synchronized void save(String t, List<KeyRange> planned) {
      ranges.put(t, new ArrayList<>(planned));
      done.put(t, new HashMap<>());
    }

    @Override
    public synchronized void markDone(String t, int rangeNo, long rows) {
      done.get(t).put(rangeNo, rows);
    }

    @Override
    public synchronized void clear() {
      ranges.clear();
      done.clear();
    }
  }
}
