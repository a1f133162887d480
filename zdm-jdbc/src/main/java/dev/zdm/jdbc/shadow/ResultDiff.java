package dev.zdm.jdbc.shadow;

import dev.zdm.jdbc.shadow.ShadowMismatch.Change;
import dev.zdm.jdbc.shadow.ShadowMismatch.Kind;
import dev.zdm.jdbc.shadow.ShadowMismatch.RowDifference;
import dev.zdm.jdbc.verify.CanonicalValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two read results: as a multiset of rows, and as a sequence when the statement orders
 * them; names differing rows by their key columns when there are some (matching rows by key) or by
 * position. Values go into the result only when asked for.
 */
final class ResultDiff {

  private ResultDiff() {}

  /** The digests of materialised rows, in order. */
  static long[] digests(List<String[]> rows) {
    long[] out = new long[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = CanonicalValues.hash(rows.get(i));
    }
    return out;
  }

  /** Whether two digest lists hold the same rows (in the same order when ordered). */
  static boolean same(long[] source, long[] target, boolean ordered) {
    if (source.length != target.length) {
      return false;
    }
    if (ordered) {
      return Arrays.equals(source, target);
    }
    long[] a = source.clone();
    long[] b = target.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    return Arrays.equals(a, b);
  }

  /**
   * Describes how two results differ, or returns null when they do not. Only differences that
   * cannot be replication lag are listed (see {@link Settled}); a mismatch of kind {@code ROWS} or
   * {@code ORDER} without rows means every difference involved a row the source changed since the
   * caller read it.
   *
   * @param keyColumns indices of the key columns in the rows, empty to name rows by position
   * @param callerDigests the digests of the rows the caller read from the source
   */
  static ShadowMismatch compare(
      String migration,
      SqlShape shape,
      ResultRows sourceShape,
      List<String[]> source,
      ResultRows targetShape,
      List<String[]> target,
      int[] keyColumns,
      long[] callerDigests,
      boolean includeValues) {
    List<String> keyNames = new ArrayList<>();
    for (int k : keyColumns) {
      keyNames.add(sourceShape.labels[k]);
    }
    if (!sourceShape.sameColumns(targetShape)) {
      return new ShadowMismatch(
          migration,
          shape.fingerprint(),
          Kind.COLUMNS,
          source.size(),
          target.size(),
          List.of(),
          List.of());
    }
    long[] sourceDigests = digests(source);
    long[] targetDigests = digests(target);
    Settled settled = new Settled(callerDigests, sourceDigests);
    if (same(sourceDigests, targetDigests, false)) {
      if (!shape.ordered() || Arrays.equals(sourceDigests, targetDigests)) {
        return null;
      }
      List<RowDifference> moved = new ArrayList<>();
      for (int i = 0;
          settled.unchanged && i < sourceDigests.length && moved.size() < ShadowMismatch.MAX_ROWS;
          i++) {
        if (sourceDigests[i] != targetDigests[i]) {
          String key =
              keyColumns.length > 0 ? key(source.get(i), keyColumns, sourceShape) : "#" + (i + 1);
          moved.add(
              difference(
                  key,
                  Change.MOVED,
                  List.of(),
                  source.get(i),
                  target.get(i),
                  sourceShape,
                  includeValues));
        }
      }
      return new ShadowMismatch(
          migration,
          shape.fingerprint(),
          Kind.ORDER,
          source.size(),
          target.size(),
          keyNames,
          moved);
    }
    List<RowDifference> rows =
        keyColumns.length > 0 && uniqueKeys(source, keyColumns) && uniqueKeys(target, keyColumns)
            ? byKey(source, target, keyColumns, sourceShape, includeValues, settled)
            : byPosition(
                source, sourceDigests, target, targetDigests, sourceShape, includeValues, settled);
    return new ShadowMismatch(
        migration,
        shape.fingerprint(),
        Kind.ROWS,
        source.size(),
        target.size(),
        keyColumns.length > 0 ? keyNames : List.of(),
        rows);
  }

  /**
   * Which differences can be told from replication lag: a row whose source version is still the one
   * the caller read (so the relay had the whole recheck delay to carry it), or any row when the
   * source's whole result is unchanged since the caller's read.
   */
  private static final class Settled {
    final boolean unchanged;
    private final Map<Long, Integer> caller = new HashMap<>();

    Settled(long[] callerDigests, long[] sourceDigests) {
      this.unchanged = same(callerDigests, sourceDigests, false);
      for (long d : callerDigests) {
        caller.merge(d, 1, Integer::sum);
      }
    }

    boolean sourceRow(String[] row) {
      return unchanged || row != null && caller.containsKey(CanonicalValues.hash(row));
    }
  }

  private static List<RowDifference> byKey(
      List<String[]> source,
      List<String[]> target,
      int[] keyColumns,
      ResultRows shape,
      boolean includeValues,
      Settled settled) {
    Map<List<String>, String[]> targetByKey = new LinkedHashMap<>();
    for (String[] row : target) {
      targetByKey.put(keyOf(row, keyColumns), row);
    }
    List<RowDifference> out = new ArrayList<>();
    for (String[] row : source) {
      String[] other = targetByKey.remove(keyOf(row, keyColumns));
      if (!settled.sourceRow(row)) {
        continue;
      }
      if (other == null) {
        out.add(
            difference(
                key(row, keyColumns, shape),
                Change.MISSING_ON_TARGET,
                List.of(),
                row,
                null,
                shape,
                includeValues));
      } else if (!Arrays.equals(row, other)) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
          if (!Objects.equals(row[i], other[i])) {
            columns.add(shape.labels[i]);
          }
        }
        out.add(
            difference(
                key(row, keyColumns, shape),
                Change.DIFFERENT,
                columns,
                row,
                other,
                shape,
                includeValues));
      }
    }
    for (String[] row : settled.unchanged ? targetByKey.values() : List.<String[]>of()) {
      out.add(
          difference(
              key(row, keyColumns, shape),
              Change.EXTRA_ON_TARGET,
              List.of(),
              null,
              row,
              shape,
              includeValues));
    }
    return out.size() > ShadowMismatch.MAX_ROWS ? out.subList(0, ShadowMismatch.MAX_ROWS) : out;
  }

  private static List<RowDifference> byPosition(
      List<String[]> source,
      long[] sourceDigests,
      List<String[]> target,
      long[] targetDigests,
      ResultRows shape,
      boolean includeValues,
      Settled settled) {
    Map<Long, Integer> unmatched = new HashMap<>();
    for (long d : targetDigests) {
      unmatched.merge(d, 1, Integer::sum);
    }
    List<RowDifference> out = new ArrayList<>();
    for (int i = 0; i < sourceDigests.length; i++) {
      Integer left = unmatched.get(sourceDigests[i]);
      if ((left == null || left == 0) && settled.sourceRow(source.get(i))) {
        add(
            out,
            difference(
                "#" + (i + 1),
                Change.MISSING_ON_TARGET,
                List.of(),
                source.get(i),
                null,
                shape,
                includeValues));
      } else {
        unmatched.put(sourceDigests[i], left - 1);
      }
    }
    Map<Long, Integer> sourceLeft = new HashMap<>();
    for (long d : sourceDigests) {
      sourceLeft.merge(d, 1, Integer::sum);
    }
    for (int i = 0; i < targetDigests.length; i++) {
      Integer left = sourceLeft.get(targetDigests[i]);
      if ((left == null || left == 0) && settled.unchanged) {
        add(
            out,
            difference(
                "#" + (i + 1),
                Change.EXTRA_ON_TARGET,
                List.of(),
                null,
                target.get(i),
                shape,
                includeValues));
      } else {
        sourceLeft.put(targetDigests[i], left - 1);
      }
    }
    return out;
  }

  private static void add(List<RowDifference> out, RowDifference difference) {
    if (out.size() < ShadowMismatch.MAX_ROWS) {
      out.add(difference);
    }
  }

  private static boolean uniqueKeys(List<String[]> rows, int[] keyColumns) {
    Map<List<String>, Boolean> seen = new HashMap<>();
    for (String[] row : rows) {
      if (seen.put(keyOf(row, keyColumns), Boolean.TRUE) != null) {
        return false;
      }
    }
    return true;
  }

  private static List<String> keyOf(String[] row, int[] keyColumns) {
    List<String> key = new ArrayList<>(keyColumns.length);
    for (int k : keyColumns) {
      key.add(row[k]);
    }
    return key;
  }

  private static String key(String[] row, int[] keyColumns, ResultRows shape) {
    List<String> parts = new ArrayList<>();
    for (int k : keyColumns) {
      parts.add(shape.labels[k] + "=" + row[k]);
    }
    return parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")";
  }

  private static RowDifference difference(
      String key,
      Change change,
      List<String> columns,
      String[] source,
      String[] target,
      ResultRows shape,
      boolean includeValues) {
    return new RowDifference(
        key,
        change,
        columns,
        includeValues && source != null ? values(source, shape) : null,
        includeValues && target != null ? values(target, shape) : null);
  }

  private static Map<String, String> values(String[] row, ResultRows shape) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < row.length; i++) {
      out.put(shape.labels[i], row[i]);
    }
    return out;
  }
}
