package dev.zdm.jdbc.shadow;

import java.util.Locale;

/**
 * What became of one sampled read, as counted in {@code zdm.shadow.reads} (tag {@code outcome}).
 */
public enum ShadowOutcome {
  /** The target returned the same rows (in the same order when the statement orders them). */
  MATCH,
  /** The target's rows differed, and still differed when both sides were read again. */
  MISMATCH,
  /** A persisting difference that the {@link ShadowReads.Builder#ignore ignore hook} expected. */
  IGNORED,
  /** The target (or the re-read of the source) failed with an error. */
  ERROR,
  /** The comparison did not finish within {@link ShadowReads.Builder#timeLimit}. */
  TIMEOUT,
  /**
   * Not compared: the queue was full, the caller stopped reading before the end, the result was
   * larger than {@link ShadowReads.Builder#maxRows}, or a value could not be digested (the {@code
   * reason} tag says which).
   */
  SKIPPED;

  /** The outcome's name as the meters and the status show it, such as {@code mismatch}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
