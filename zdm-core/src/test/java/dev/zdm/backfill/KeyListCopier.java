package dev.zdm.backfill;

import dev.zdm.change.RowKey;
import dev.zdm.relay.FencedOutException;
import dev.zdm.relay.LeaseStore.Lease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A table of keys 1..n in memory: plans even ranges, "copies" a chunk by moving its checkpoint, and
 * spends made-up lock time per row on the test's clock. Records every chunk. Thread-safe.
 */
final class KeyListCopier implements ChunkCopier {

  /** One chunk as the copier saw it. */
  record Chunk(String table, int rangeNo, int rows, Duration startedAt) {}

  private final String table;
  private final long rows;
  private final TestTime time;
  private final Duration perRow;
  private final List<Checkpoint> stored = new ArrayList<>();
  final List<Chunk> chunks = Collections.synchronizedList(new ArrayList<>());

  /** Chunk attempts (counted from 1) that fail with an error. */
  IntPredicate failAttempt = n -> false;

  /** Chunk attempts (counted from 1) that find the range taken by another process. */
  IntPredicate fenceAttempt = n -> false;

  private int attempts;

  KeyListCopier(String table, long rows, TestTime time, Duration perRow) {
    this.table = table;
    this.rows = rows;
    this.time = time;
    this.perRow = perRow;
  }

  @Override
  public String table() {
    return table;
  }

  @Override
  public synchronized List<Checkpoint> planOrLoad(int ranges) {
    if (stored.isEmpty()) {
      long step = Math.max(1, rows / ranges);
      long after = 0;
      for (int r = 0; r < ranges && after < rows; r++) {
        long last = r == ranges - 1 ? rows : Math.min(rows, after + step);
        stored.add(
            new Checkpoint(table, r, key(after == 0 ? null : after), key(last), null, 0, false));
        after = last;
      }
    }
    return List.copyOf(stored);
  }

  @Override
  public synchronized Checkpoint load(int rangeNo) {
    return stored.get(rangeNo);
  }

  @Override
  public ChunkResult copy(Checkpoint at, int limit, Lease lease) {
    int attempt;
    synchronized (this) {
      attempt = ++attempts;
    }
    if (fenceAttempt.test(attempt)) {
      throw new FencedOutException("range taken over");
    }
    if (failAttempt.test(attempt)) {
      throw new IllegalStateException("chunk failed");
    }
    Duration startedAt = time.elapsed();
    long from = at.resumeAfter().map(k -> (Long) k.values().get(0)).orElse(0L);
    long last = (Long) at.last().values().get(0);
    long to = Math.min(last, from + limit);
    int copied = (int) (to - from);
    Duration lockTime = perRow.multipliedBy(copied);
    time.advance(lockTime);
    Checkpoint next =
        new Checkpoint(
            table,
            at.rangeNo(),
            at.after(),
            at.last(),
            key(to),
            at.rowsCopied() + copied,
            to == last);
    synchronized (this) {
      stored.set(at.rangeNo(), next);
    }
    chunks.add(new Chunk(table, at.rangeNo(), copied, startedAt));
    return new ChunkResult(next, copied, lockTime);
  }

  @Override
  public long estimatedRows() {
    return rows;
  }

  synchronized long rowsCopied() {
    return stored.stream().mapToLong(Checkpoint::rowsCopied).sum();
  }

  private static RowKey key(Long value) {
    return value == null ? null : RowKey.of(value);
  }
}
