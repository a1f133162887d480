package dev.zdm.backfill;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One table's backfill as this process sees it: its ranges' checkpoints, rows copied, and which
 * ranges this process works on now. Guarded by the scheduler's lock, except the counters.
 */
final class TableWork {

  final ChunkCopier copier;
  final List<RangeWork> ranges = new ArrayList<>();
  final AtomicLong rowsCopied = new AtomicLong();
  final AtomicLong rowsCopiedHere = new AtomicLong();
  final long estimatedRows;
  BackfillMetrics.TableMeters meters;
  private final Clock clock;
  private final long startedAt;

  TableWork(ChunkCopier copier, List<Checkpoint> checkpoints, long estimatedRows, Clock clock) {
    this.copier = copier;
    this.estimatedRows = estimatedRows;
    this.clock = clock;
    this.startedAt = clock.millis();
    for (Checkpoint checkpoint : checkpoints) {
      ranges.add(new RangeWork(this, checkpoint));
      rowsCopied.addAndGet(checkpoint.rowsCopied());
    }
  }

  /** A range and what this process knows of it. */
  static final class RangeWork {
    final TableWork table;
    volatile Checkpoint checkpoint;
    boolean claimed;
    long retryAfterMillis;

    RangeWork(TableWork table, Checkpoint checkpoint) {
      this.table = table;
      this.checkpoint = checkpoint;
    }

    /** Takes a newer checkpoint of this range, counting rows others or this process copied. */
    void advance(Checkpoint newer) {
      table.rowsCopied.addAndGet(newer.rowsCopied() - checkpoint.rowsCopied());
      checkpoint = newer;
    }
  }

  BackfillProgress.Table progress() {
    int done = 0;
    for (RangeWork range : ranges) {
      if (range.checkpoint.done()) {
        done++;
      }
    }
    double seconds = Math.max(0.001, (clock.millis() - startedAt) / 1000.0);
    return new BackfillProgress.Table(
        copier.table(),
        ranges.size(),
        done,
        rowsCopied.get(),
        estimatedRows,
        rowsCopiedHere.get() / seconds);
  }
}
