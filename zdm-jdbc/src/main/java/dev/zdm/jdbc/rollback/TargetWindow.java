package dev.zdm.jdbc.rollback;

import java.util.Arrays;

/**
 * The target's most recent statements, for the rollback policy: a ring of at most {@code capacity}
 * samples (when each ran, how long it took, whether it failed), of which the figures count those
 * inside the time window. Recording is constant time (the application's thread does it); the
 * figures are computed on the policy's thread. Thread-safe.
 */
final class TargetWindow {

  private final long[] endedAt;
  private final long[] nanos;
  private final boolean[] failed;
  private int next;
  private int size;

  TargetWindow(int capacity) {
    endedAt = new long[capacity];
    nanos = new long[capacity];
    failed = new boolean[capacity];
  }

  synchronized void record(long now, long took, boolean error) {
    endedAt[next] = now;
    nanos[next] = took;
    failed[next] = error;
    next = (next + 1) % endedAt.length;
    size = Math.min(size + 1, endedAt.length);
  }

  synchronized void clear() {
    size = 0;
    next = 0;
  }

  synchronized boolean isEmpty() {
    return size == 0;
  }

  /** The figures of the samples that ended at or after {@code since}. */
  Figures figures(long since) {
    long[] durations;
    int calls = 0;
    int errors = 0;
    synchronized (this) {
      durations = new long[size];
      for (int i = 0; i < size; i++) {
        int at = Math.floorMod(next - 1 - i, endedAt.length);
        if (endedAt[at] - since < 0) {
          break;
        }
        durations[calls++] = nanos[at];
        if (failed[at]) {
          errors++;
        }
      }
    }
    if (calls == 0) {
      return new Figures(0, 0, 0);
    }
    // Sorted outside the lock, so that recording never waits for it.
    long[] taken = Arrays.copyOf(durations, calls);
    Arrays.sort(taken);
    // Nearest rank: the smallest value with at least 95% of the samples at or below it.
    int rank = (int) Math.ceil(0.95 * calls) - 1;
    return new Figures(calls, errors, taken[Math.max(rank, 0)]);
  }

  /** Statements in the window, how many failed, and the 95th percentile of their latency. */
  record Figures(int calls, int errors, long p95Nanos) {

    double errorRatePercent() {
      return calls == 0 ? 0 : 100.0 * errors / calls;
    }

    double p95Millis() {
      return p95Nanos / 1_000_000.0;
    }
  }
}
