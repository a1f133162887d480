package dev.zdm.verify;

import dev.zdm.backfill.KeyRange;
import dev.zdm.change.RowKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** Two in-memory tables of {@code long -> String}, compared like two databases would be. */
final class InMemoryComparator implements TableComparator {

  final NavigableMap<Long, String> source = new ConcurrentSkipListMap<>();
  final NavigableMap<Long, String> target = new ConcurrentSkipListMap<>();
  final AtomicLong rowsComparedOneByOne = new AtomicLong();
  volatile RuntimeException failDigests;

  @Override
  public String table() {
    return "t";
  }

  @Override
  public List<KeyRange> plan(int rowsPerChunk) {
    List<KeyRange> ranges = new ArrayList<>();
    RowKey after = null;
    int n = 0;
    for (long key : source.keySet()) {
      if (++n % rowsPerChunk == 0) {
        ranges.add(new KeyRange(ranges.size(), after, RowKey.of(key)));
        after = RowKey.of(key);
      }
    }
    ranges.add(new KeyRange(ranges.size(), after, null));
    return ranges;
  }

  private NavigableMap<Long, String> slice(Side side, KeyRange range) {
    NavigableMap<Long, String> all = side == Side.SOURCE ? source : target;
    long from = range.after() == null ? Long.MIN_VALUE : (Long) range.after().values().get(0);
    long to = range.last() == null ? Long.MAX_VALUE : (Long) range.last().values().get(0);
    return all.subMap(from, range.after() == null, to, true);
  }

  @Override
  public ChunkDigest digest(Side side, KeyRange range) {
    if (failDigests != null) {
      throw failDigests;
    }
    long sum = 0;
    long count = 0;
    for (Map.Entry<Long, String> row : slice(side, range).entrySet()) {
      sum += Objects.hash(row.getKey(), row.getValue()) * 0x9E3779B97F4A7C15L;
      count++;
    }
    return new ChunkDigest(count, sum);
  }

  @Override
  public RowKey keyAt(Side side, KeyRange range, long offset) {
    return slice(side, range).keySet().stream()
        .skip(offset)
        .findFirst()
        .map(RowKey::of)
        .orElse(null);
  }

  @Override
  public List<Difference> compareRange(KeyRange range, boolean withValues) {
    NavigableMap<Long, String> s = slice(Side.SOURCE, range);
    NavigableMap<Long, String> t = slice(Side.TARGET, range);
    rowsComparedOneByOne.addAndGet(s.size() + t.size());
    List<RowKey> keys = new ArrayList<>();
    s.keySet().forEach(k -> keys.add(RowKey.of(k)));
    t.keySet().stream().filter(k -> !s.containsKey(k)).forEach(k -> keys.add(RowKey.of(k)));
    return compareKeys(keys, withValues);
  }

  @Override
  public List<Difference> compareKeys(Collection<RowKey> keys, boolean withValues) {
    List<Difference> differences = new ArrayList<>();
    for (RowKey key : keys) {
      long k = (Long) key.values().get(0);
      String s = source.get(k);
      String t = target.get(k);
      Difference.Kind kind =
          s == null && t == null || Objects.equals(s, t)
              ? null
              : s == null
                  ? Difference.Kind.EXTRA_ON_TARGET
                  : t == null ? Difference.Kind.MISSING_ON_TARGET : Difference.Kind.DIFFERENT;
      if (kind != null) {
        differences.add(
            new Difference(
                "t",
                key,
                kind,
                kind == Difference.Kind.DIFFERENT ? List.of("v") : List.of(),
                withValues && s != null ? Map.of("v", s) : Map.of(),
                withValues && t != null ? Map.of("v", t) : Map.of()));
      }
    }
    return differences;
  }
}
