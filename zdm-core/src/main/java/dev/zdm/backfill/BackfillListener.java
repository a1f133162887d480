package dev.zdm.backfill;

import java.time.Duration;

/**
 * Hears what a backfill does. Methods are called on backfill threads and must return quickly; a
 * listener that throws is logged and never stops the backfill. All methods default to doing
 * nothing.
 */
public interface BackfillListener {

  /** A listener that does nothing. */
  BackfillListener NONE = new BackfillListener() {};

  /**
   * A chunk was committed on the target.
   *
   * @param migration the migration
   * @param checkpoint the range's checkpoint after the chunk
   * @param rows rows copied by the chunk
   * @param lockTime how long the chunk held its source locks
   */
  default void chunkCopied(String migration, Checkpoint checkpoint, int rows, Duration lockTime) {}

  /**
   * A range was finished by this process.
   *
   * @param migration the migration
   * @param checkpoint its final checkpoint
   */
  default void rangeDone(String migration, Checkpoint checkpoint) {}

  /**
   * The backfill waited before a chunk.
   *
   * @param migration the migration
   * @param reason {@code paused}, {@code rate-limit}, or a probe's name
   * @param waited how long
   */
  default void throttled(String migration, String reason, Duration waited) {}

  /**
   * The backfill logged its progress line, every {@link BackfillConfig#progressLogInterval()} while
   * chunks are copied.
   *
   * @param migration the migration
   * @param progress the figures the line shows
   * @param line the line as logged, after the migration's name
   */
  default void progressReported(String migration, BackfillProgress progress, String line) {}

  /**
   * Every range of every table is finished.
   *
   * @param migration the migration
   * @param progress the final figures
   */
  default void completed(String migration, BackfillProgress progress) {}
}
