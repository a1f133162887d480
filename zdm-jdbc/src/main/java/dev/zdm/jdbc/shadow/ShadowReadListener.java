package dev.zdm.jdbc.shadow;

/**
 * Told about shadow-read results. {@link #mismatch} is called on zdm's shadow worker threads; so is
 * {@link #outcome} for a read that reached a worker, but a read skipped before that ({@code
 * queue-full}, {@code stopped-early}, {@code too-many-rows}, {@code digest-failed}, {@code
 * drain-failed}, {@code read-failed}, {@code scrollable}) is told on the application's thread as it
 * happens: keep it quick. Implementations must be thread-safe. A listener that throws is logged and
 * ignored.
 */
public interface ShadowReadListener {

  /** Listens to nothing. */
  ShadowReadListener NONE = new ShadowReadListener() {};

  /**
   * A difference persisted after the re-read and the ignore hook did not expect it.
   *
   * @param mismatch the statement's fingerprint and the differing rows' keys
   */
  default void mismatch(ShadowMismatch mismatch) {}

  /**
   * Every counted outcome, including mismatches (after {@link #mismatch}).
   *
   * @param outcome what became of the read
   * @param reason the {@code reason} tag, such as {@code queue-full} or {@code rechecked}
   * @param fingerprint the statement's SQL without literals
   */
  default void outcome(ShadowOutcome outcome, String reason, String fingerprint) {}
}
