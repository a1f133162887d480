package dev.zdm.jdbc.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The window's figures from times the test chooses: which statements count, the span they really
 * cover, and that a full ring says when it cut the window short, and only then.
 */
class TargetWindowTest {

  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;
  // Readings only ever get subtracted, as with System.nanoTime(): an origin whose later readings
  // overflow must give the same figures.
  private static final long T0 = Long.MAX_VALUE - 10 * S;

  @Test
  void countsTheWindowsStatementsAndCoversFromTheOldestCountedToNow() {
    TargetWindow window = new TargetWindow(100);
    window.record(T0 + 5 * S, 2 * MS, true); // older than the window: not counted
    window.record(T0 + 12 * S, 3 * MS, false);
    window.record(T0 + 15 * S, 4 * MS, true);
    window.record(T0 + 19 * S, 5 * MS, false);

    TargetWindow.Figures f = window.figures(T0 + 20 * S, 10 * S);

    assertThat(f.calls()).isEqualTo(3);
    assertThat(f.errors()).isEqualTo(1);
    assertThat(f.coveredNanos()).isEqualTo(8 * S);
    assertThat(f.sampleLimitReached()).isFalse();
  }

  @Test
  void aRingFullOfTheWindowsStatementsSaysSoAndCoversOnlyWhatItKept() {
    TargetWindow window = new TargetWindow(10);
    for (int i = 0; i < 25; i++) {
      window.record(T0 + i * 100 * MS, MS, false);
    }

    // A 30 s window, but the last 10 statements span 1.5 s to 2.5 s.
    TargetWindow.Figures f = window.figures(T0 + 2500 * MS, 30 * S);

    assertThat(f.calls()).isEqualTo(10);
    assertThat(f.coveredNanos()).isEqualTo(1000 * MS);
    assertThat(f.sampleLimitReached()).isTrue();
  }

  @Test
  void aFullRingWhoseForgottenStatementsWereOutsideTheWindowCutNothingShort() {
    TargetWindow window = new TargetWindow(10);
    for (int i = 0; i < 10; i++) {
      window.record(T0 + i * 100 * MS, MS, false);
    }
    for (int i = 0; i < 10; i++) {
      window.record(T0 + 20 * S + i * 100 * MS, MS, false);
    }

    TargetWindow.Figures f = window.figures(T0 + 21 * S, 5 * S);

    assertThat(f.calls()).isEqualTo(10);
    assertThat(f.coveredNanos()).isEqualTo(1 * S);
    assertThat(f.sampleLimitReached()).as("what it forgot ended 20 s ago").isFalse();
  }

  @Test
  void theSameRingCutsAWindowShortOnceTheWindowReachesWhatItForgot() {
    TargetWindow window = new TargetWindow(10);
    for (int i = 0; i < 11; i++) {
      window.record(T0 + i * S, MS, false);
    }
    // The statement at T0 was forgotten; a window from T0 + 500 ms on did not hold it.
    assertThat(window.figures(T0 + 10 * S, 9500 * MS).sampleLimitReached()).isFalse();
    assertThat(window.figures(T0 + 10 * S, 10 * S).sampleLimitReached()).isTrue();
  }

  @Test
  void clearingStartsAFreshWindowWithoutTheLimit() {
    TargetWindow window = new TargetWindow(10);
    for (int i = 0; i < 20; i++) {
      window.record(T0 + i * MS, MS, false);
    }
    window.clear();
    assertThat(window.isEmpty()).isTrue();
    assertThat(window.figures(T0 + 30 * MS, S)).isEqualTo(TargetWindow.Figures.NONE);
    window.record(T0 + 40 * MS, MS, false);
    TargetWindow.Figures f = window.figures(T0 + 50 * MS, S);
    assertThat(f.calls()).isEqualTo(1);
    assertThat(f.sampleLimitReached()).isFalse();
    assertThat(f.coveredNanos()).isEqualTo(10 * MS);
  }

  @Test
  void errorRateAndNearestRankP95() {
    TargetWindow window = new TargetWindow(100);
    for (int i = 1; i <= 20; i++) {
      window.record(T0 + i * MS, i * MS, i % 10 == 0);
    }

    TargetWindow.Figures f = window.figures(T0 + S, S);

    assertThat(f.errorRatePercent()).isEqualTo(10.0);
    // ceil(0.95 * 20) = 19th smallest of 1..20 ms.
    assertThat(f.p95Millis()).isEqualTo(19.0);
    assertThat(f.coveredNanos()).isEqualTo(S - MS);
  }

  @Test
  void theSampleLimitWarningNamesTheBoundAndWhatWouldHoldTheWindow() {
    TargetWindow window = new TargetWindow(10);
    assertThat(
            window.sampleLimitWarning(
                new TargetWindow.Figures(10, 0, MS, S, true), Duration.ofSeconds(30)))
        .isEqualTo(
            "the window keeps at most 10 statements (maxSamples, zdm.auto-rollback.max-samples)"
                + " and at this traffic they cover only the last 1.0 s of the 30.0 s window, so"
                + " the thresholds are judged over that span; raise maxSamples to about 300, or"
                + " shorten the window");
    // 100 statements in 100 ms: an hour would need 3.6 million, above the largest bound.
    assertThat(
            new TargetWindow(100)
                .sampleLimitWarning(
                    new TargetWindow.Figures(100, 0, MS, 100 * MS, true), Duration.ofHours(1)))
        .endsWith(
            "; even the largest maxSamples (1000000) would not hold the window at this traffic:"
                + " shorten the window to about 1000.0 s, or raise maxSamples to cover as much of"
                + " it as it can");
  }

  @Test
  void describingATriggerNamesTheSpanCoveredAndTheSampleLimit() {
    RollbackTrigger trigger =
        new RollbackTrigger(
            "orders",
            RollbackTrigger.Threshold.ERROR_RATE,
            52.0,
            20.0,
            Duration.ofSeconds(30),
            Duration.ofMillis(850),
            10_000,
            5_200,
            true,
            RollbackTrigger.Outcome.DRY_RUN,
            null,
            java.time.Instant.EPOCH);
    assertThat(trigger.describe())
        .isEqualTo(
            "error rate 52.0% above the threshold 20.0% over 10000 target statements (5200"
                + " failed) in the last 850 ms of a 30.0 s window (sample limit reached: raise"
                + " maxSamples to cover the window)");
  }
}
