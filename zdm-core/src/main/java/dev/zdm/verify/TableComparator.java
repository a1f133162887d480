package dev.zdm.verify;

import dev.zdm.backfill.KeyRange;
import dev.zdm.change.RowKey;
import java.util.Collection;
import java.util.List;

/**
 * The verifier's port to one table pair: plans key ranges, digests a range on either side, finds a
 * split point inside a range and compares rows exactly. Ranges follow {@link KeyRange} with one
 * extension: a {@code last} of null means no upper bound, so rows the target holds beyond the
 * source's largest key are compared too. Keys are in source key order, as the outbox writes them.
 * Implementations are thread-safe; each call uses its own connections.
 */
public interface TableComparator {

  /**
   * Returns the source table's name, used in reports, metrics and progress.
   *
   * @return the name
   */
  String table();

  /**
   * Plans the chunks of a comparison from the source's keys: contiguous ranges covering the whole
   * key space, the first with no lower and the last with no upper bound.
   *
   * @param rowsPerChunk the rows a chunk should hold, about
   * @return the ranges in key order, numbered from 0
   */
  List<KeyRange> plan(int rowsPerChunk);

  /**
   * Counts and digests one side's rows in a range (the source's after mapping).
   *
   * @param side which database
   * @param range the keys
   * @return the count and digest
   */
  ChunkDigest digest(Side side, KeyRange range);

  /**
   * Returns the key at a position of one side's rows in a range, in key order, to split it.
   *
   * @param side which database
   * @param range the keys
   * @param offset how many rows of the range come before the key, from 0
   * @return the key, or null if the range holds no more rows than the offset
   */
  RowKey keyAt(Side side, KeyRange range, long offset);

  /**
   * Compares the rows of a range on both sides one by one.
   *
   * @param range the keys; small, since every row is read
   * @param withValues whether differences carry values
   * @return the differences, in no particular order
   */
  List<Difference> compareRange(KeyRange range, boolean withValues);

  /**
   * Compares the rows of given keys on both sides, reading each by its key.
   *
   * @param keys keys in source key order
   * @param withValues whether differences carry values
   * @return the differences among those keys
   */
  List<Difference> compareKeys(Collection<RowKey> keys, boolean withValues);
}
