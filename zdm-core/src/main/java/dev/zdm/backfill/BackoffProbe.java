package dev.zdm.backfill;

/**
 * Something the backfill backs off for while it is over its limit: the relay's lag, a source health
 * query. Asked from backfill threads every {@link BackfillConfig#probeInterval()} while over the
 * limit, and before chunks at most that often otherwise; it must be thread-safe and quick.
 */
public interface BackoffProbe {

  /**
   * Returns a short, stable name for logs and the throttle metric's {@code reason} tag.
   *
   * @return such as {@code relay-lag}
   */
  String name();

  /**
   * Tells whether the backfill should wait now. A probe that throws counts as over its limit: a
   * source that cannot answer a health query is no place for a backfill.
   *
   * @return true while over the limit
   */
  boolean overLimit();
}
