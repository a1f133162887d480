package dev.zdm.jdbc.rollback;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The target's most recent statements, for the rollback policy: a ring of at most {@code capacity}
 * samples (when each ran, how long it took, whether it failed), of which the figures count those
 * inside the time window. Recording is constant time (the application's thread does it); the
 * figures are computed on the policy's thread. Times are {@link System#nanoTime()}-style readings
 * the caller passes in, so that tests drive them. Thread-safe.
 *
 * <p>At high traffic the ring fills before the window's length is reached, and the oldest
 * statements still inside the window are forgotten: the figures then say so ({@link
 * Figures#sampleLimitReached()}) and how long a span the counted statements really cover, rather
 * than let a report claim the whole window.
 */
final class TargetWindow {

  /** The largest capacity the policy accepts ({@code maxSamples}). */
  static final int MAX_CAPACITY = 1_000_000;

  private final long[] endedAt;
  private final long[] nanos;
  private final boolean[] failed;
  private int next;
  private int size;
  // When the newest statement the ring overwrote ended; meaningful once one was overwritten.
  private long forgottenAt;
  private boolean forgot;

  TargetWindow(int capacity) {
    endedAt = new long[capacity];
    nanos = new long[capacity];
    failed = new boolean[capacity];
  }

  synchronized void record(long now, long took, boolean error) {
    if (size == endedAt.length) {
      forgottenAt = endedAt[next];
      forgot = true;
    }
    endedAt[next] = now;
    nanos[next] = took;
    failed[next] = error;
    next = (next + 1) % endedAt.length;
    size = Math.min(size + 1, endedAt.length);
  }

  synchronized void clear() {
    size = 0;
    next = 0;
    forgot = false;
  }

  synchronized boolean isEmpty() {
    return size == 0;
  }

  int capacity() {
    return endedAt.length;
  }

  /**
   * The figures of the samples that ended in the {@code windowNanos} before {@code now}.
   *
   * @param now the current reading of the time source the samples were recorded with
   * @param windowNanos the window's length
   */
  Figures figures(long now, long windowNanos) {
    long since = now - windowNanos;
    long[] durations;
    int calls = 0;
    int errors = 0;
    long oldest = now;
    boolean limitReached;
    synchronized (this) {
      durations = new long[size];
      for (int i = 0; i < size; i++) {
        int at = Math.floorMod(next - 1 - i, endedAt.length);
        if (endedAt[at] - since < 0) {
          break;
        }
        oldest = endedAt[at];
        durations[calls++] = nanos[at];
        if (failed[at]) {
          errors++;
        }
      }
      // A statement the ring forgot ended inside the window: the window holds more than is counted.
      limitReached = forgot && forgottenAt - since >= 0;
    }
    if (calls == 0) {
      return Figures.NONE;
    }
    // Sorted outside the lock, so that recording never waits for it.
    long[] taken = Arrays.copyOf(durations, calls);
    Arrays.sort(taken);
    // Nearest rank: the smallest value with at least 95% of the samples at or below it.
    int rank = (int) Math.ceil(0.95 * calls) - 1;
    long covered = Math.max(0, Math.min(now - oldest, windowNanos));
    return new Figures(calls, errors, taken[Math.max(rank, 0)], covered, limitReached);
  }

  /**
   * Says why figures whose {@link Figures#sampleLimitReached()} cover less than the window, and
   * which bound to raise to what, judging from the traffic they saw.
   */
  String sampleLimitWarning(Figures f, Duration window) {
    String cover =
        String.format(
            Locale.ROOT,
            "the window keeps at most %d statements (maxSamples, zdm.auto-rollback.max-samples)"
                + " and at this traffic they cover only the last %s of the %s window, so the"
                + " thresholds are judged over that span",
            endedAt.length,
            RollbackTrigger.span(Duration.ofNanos(f.coveredNanos())),
            RollbackTrigger.span(window));
    // The bound that would have held the whole window at the traffic just seen.
    double perNano = (double) f.calls() / Math.max(1, f.coveredNanos());
    double needed = Math.ceil(perNano * window.toNanos());
    if (needed <= MAX_CAPACITY) {
      return String.format(
          Locale.ROOT,
          "%s; raise maxSamples to about %d, or shorten the window",
          cover,
          (long) needed);
    }
    return String.format(
        Locale.ROOT,
        "%s; even the largest maxSamples (%d) would not hold the window at this traffic: shorten"
            + " the window to about %s, or raise maxSamples to cover as much of it as it can",
        cover,
        MAX_CAPACITY,
        RollbackTrigger.span(Duration.ofNanos((long) (MAX_CAPACITY / perNano))));
  }

  /**
   * Statements in the window, how many failed, the 95th percentile of their latency, the span the
   * counted statements cover (from the oldest one counted to the evaluation), and whether the
   * ring's capacity cut the window short (older statements inside the window were forgotten).
   */
  record Figures(
      int calls, int errors, long p95Nanos, long coveredNanos, boolean sampleLimitReached) {

    static final Figures NONE = new Figures(0, 0, 0, 0, false);

    double errorRatePercent() {
      return calls == 0 ? 0 : 100.0 * errors / calls;
    }

    double p95Millis() {
      return p95Nanos / 1_000_000.0;
    }
  }
}
