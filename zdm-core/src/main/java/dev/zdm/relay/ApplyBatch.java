package dev.zdm.relay;

import dev.zdm.change.Change;
import dev.zdm.change.RowKey;
import dev.zdm.change.TableKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The distinct rows of a set of changes, grouped by table, with the fencing token of every
 * partition they come from. Many changes to one hot row collapse into one row here. Immutable.
 *
 * @param rows the distinct rows per source table, in first-seen order
 * @param fences the fencing token per partition
 */
public record ApplyBatch(Map<String, Set<RowKey>> rows, Map<Integer, Long> fences) {

  /** Copies the maps so the batch cannot change. */
  public ApplyBatch {
    Map<String, Set<RowKey>> copy = new LinkedHashMap<>();
    rows.forEach((table, keys) -> copy.put(table, Set.copyOf(keys)));
    rows = java.util.Collections.unmodifiableMap(copy);
    fences = Map.copyOf(fences);
  }

  /**
   * Coalesces changes into their distinct rows.
   *
   * @param changes the changes, in capture order
   * @param fences the fencing token per partition the changes come from
   * @return the batch
   */
  public static ApplyBatch of(Collection<Change> changes, Map<Integer, Long> fences) {
    Map<String, Set<RowKey>> rows = new LinkedHashMap<>();
    for (Change change : changes) {
      rows.computeIfAbsent(change.table(), t -> new LinkedHashSet<>()).add(change.key());
    }
    return new ApplyBatch(rows, fences);
  }

  /**
   * Returns the number of distinct rows.
   *
   * @return the row count
   */
  public int size() {
    return rows.values().stream().mapToInt(Set::size).sum();
  }

  /**
   * Returns every row as table and key pairs.
   *
   * @return the rows
   */
  public List<TableKey> tableKeys() {
    List<TableKey> all = new ArrayList<>();
    rows.forEach((table, keys) -> keys.forEach(key -> all.add(new TableKey(table, key))));
    return all;
  }
}
