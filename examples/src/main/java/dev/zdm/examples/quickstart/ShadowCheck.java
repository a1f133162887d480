package dev.zdm.examples.quickstart;

import dev.zdm.jdbc.shadow.ShadowOutcome;
import dev.zdm.jdbc.shadow.ShadowReader;
import dev.zdm.jdbc.shadow.ShadowReads;
import java.time.Duration;

/**
 * The quickstart's shadow reads: while the migration is in SHADOW, one in ten of the shop's reads
 * runs again on the target, off the shop's threads, and the two results are compared (see
 * docs/shadow-reads.md). The shop's reader qualifies: a plain prepared SELECT as the first
 * statement of its transaction, read to the end.
 *
 * <p>A difference counts as a mismatch only if it is still there in every one of three re-reads two
 * seconds apart while the source still holds what the shop read: six seconds, longer than the relay
 * lag the migration's guards allow (5 s) when entering SHADOW or cutting over. A row the writers
 * changed meanwhile, or that the relay had not carried yet, is therefore never a mismatch; a
 * mismatch is a real difference, and the quickstart reports it like one a verification finds.
 */
final class ShadowCheck {

  static final int SAMPLE_ONE_IN = 10;
  static final Duration RECHECK_DELAY = Duration.ofSeconds(2);
  static final int RECHECKS = 3;
  static final Duration TIME_LIMIT = Duration.ofSeconds(2);

  /** Longest wait, at the end, for comparisons already taken: a whole recheck chain. */
  static final Duration SETTLE_BOUND =
      TIME_LIMIT.plus(RECHECK_DELAY.plus(TIME_LIMIT).multipliedBy(RECHECKS));

  private ShadowCheck() {}

  static ShadowReads settings() {
    return ShadowReads.builder()
        .sampleOneIn(SAMPLE_ONE_IN)
        .workers(1)
        .queueCapacity(50)
        .timeLimit(TIME_LIMIT)
        .recheckDelay(RECHECK_DELAY)
        .rechecks(RECHECKS)
        .build();
  }

  /** The outcome counts of the shadow reads of one run. */
  record Counts(
      long matches, long mismatches, long ignored, long errors, long timeouts, long skipped) {

    static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);

    static Counts of(ShadowReader reader) {
      return new Counts(
          reader.count(ShadowOutcome.MATCH),
          reader.count(ShadowOutcome.MISMATCH),
          reader.count(ShadowOutcome.IGNORED),
          reader.count(ShadowOutcome.ERROR),
          reader.count(ShadowOutcome.TIMEOUT),
          reader.count(ShadowOutcome.SKIPPED));
    }

    /** Reads whose results were compared to the end: matched, mismatched or ignored. */
    long compared() {
      return matches + mismatches + ignored;
    }

    long total() {
      return compared() + errors + timeouts + skipped;
    }

    String line() {
      return String.format(
          "%,d compared with the target: %,d matches, %,d mismatches, %,d ignored;"
              + " %,d errors, %,d timeouts, %,d skipped",
          compared(), matches, mismatches, ignored, errors, timeouts, skipped);
    }
  }

  /**
   * Once the shop stopped, waits (at most {@link #SETTLE_BOUND}) for the comparisons of the reads
   * already taken to end, so the summary counts them: until no comparison is queued or waiting for
   * a re-read and the counts stayed the same for three looks 100 ms apart. A first round still
   * running on the worker after that (milliseconds on an idle target) would be left out of the
   * counts, never counted wrongly.
   */
  static Counts settle(ShadowReader reader) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_BOUND.toNanos();
    long last = -1;
    int stable = 0;
    while (true) {
      Counts counts = Counts.of(reader);
      Object queued = reader.report().figures().get("queueDepth");
      boolean idle = reader.rechecking() == 0 && Integer.valueOf(0).equals(queued);
      stable = idle && counts.total() == last ? stable + 1 : 0;
      last = counts.total();
      if (stable >= 3 || System.nanoTime() > deadline) {
        return counts;
      }
      Thread.sleep(100);
    }
  }
}
