package dev.zdm.backfill;

import java.time.Duration;

/**
 * Adapts a range's chunk size so that each chunk holds its source locks for about the chunk-time
 * target: after each chunk the size moves toward {@code target / timePerRow}, where the time per
 * row is the slower of the last two chunks' (so one unusually fast chunk on a busy machine does not
 * make the next one overshoot), growing at most twofold and shrinking at most fourfold per step (so
 * one slow chunk, a lock wait or a checkpoint, does not collapse it). Not thread-safe: one per
 * range worker.
 */
final class ChunkSizer {

  private final long targetNanos;
  private final int min;
  private final int max;
  private int size;
  private double previousNanosPerRow = Double.NaN;

  ChunkSizer(BackfillConfig config) {
    this(
        config.chunkTimeTarget(),
        config.initialChunkSize(),
        config.minChunkSize(),
        config.maxChunkSize());
  }

  ChunkSizer(Duration target, int initial, int min, int max) {
    this.targetNanos = target.toNanos();
    this.min = min;
    this.max = max;
    this.size = initial;
  }

  int size() {
    return size;
  }

  void observe(int rows, Duration lockTime) {
    long nanos = Math.max(1, lockTime.toNanos());
    if (rows <= 0) {
      return;
    }
    // A short last chunk says as much about the time per row as a full one.
    double nanosPerRow = nanos / (double) rows;
    double estimate =
        Double.isNaN(previousNanosPerRow)
            ? nanosPerRow
            : Math.max(nanosPerRow, previousNanosPerRow);
    previousNanosPerRow = nanosPerRow;
    double ideal = targetNanos / estimate;
    // Aim a little under the target so that the p95, not the mean, stays near it.
    double next = Math.max(size / 4.0, Math.min(size * 2.0, ideal * 0.8));
    size = (int) Math.max(min, Math.min(max, Math.round(next)));
  }
}
