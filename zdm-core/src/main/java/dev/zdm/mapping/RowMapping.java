package dev.zdm.mapping;

import dev.zdm.ZdmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link TableMapping} checked against its source and target tables: turns source rows into
 * target rows and source keys into target keys. Created by {@link TableMapping#bind}. Immutable and
 * thread-safe as long as the computed columns' functions are.
 */
public final class RowMapping {

  private final TableMapping mapping;
  private final String targetTable;
  private final RowLayout sourceLayout;
  private final Map<String, Integer> view;
  private final RowLayout targetLayout;
  private final int[] sourceIndex;
  private final List<Function<RowValues, Object>> functions;
  private final List<String> targetKey;
  private final int[] keyOrder;

  private RowMapping(
      TableMapping mapping,
      String targetTable,
      RowLayout sourceLayout,
      Map<String, Integer> view,
      RowLayout targetLayout,
      int[] sourceIndex,
      List<Function<RowValues, Object>> functions,
      List<String> targetKey,
      int[] keyOrder) {
    this.mapping = mapping;
    this.targetTable = targetTable;
    this.sourceLayout = sourceLayout;
    this.view = view;
    this.targetLayout = targetLayout;
    this.sourceIndex = sourceIndex;
    this.functions = functions;
    this.targetKey = targetKey;
    this.keyOrder = keyOrder;
  }

  static RowMapping bind(TableMapping mapping, TableColumns source, TableColumns target) {
    MappingCheck check = new MappingCheck(mapping, source, target);
    check.sourceColumnsExist();
    List<String> readable = check.readableSourceColumns();
    Map<String, Integer> producers = new LinkedHashMap<>();
    for (int i = 0; i < readable.size(); i++) {
      String column = readable.get(i);
      String targetName = mapping.renames().getOrDefault(column, column);
      if (!mapping.drops().contains(column)) {
        check.producible(column, targetName, nameOf(readable, producers.put(targetName, i)));
      }
    }
    for (String column : mapping.computed().keySet()) {
      check.computable(column, nameOf(readable, producers.put(column, -1)));
    }
    check.requiredColumnsProduced(producers.keySet());
    List<String> targetColumns = new ArrayList<>();
    for (String column : target.columns()) {
      if (producers.containsKey(column)) {
        targetColumns.add(column);
      }
    }
    int[] sourceIndex = new int[targetColumns.size()];
    List<Function<RowValues, Object>> functions = new ArrayList<>();
    for (int i = 0; i < targetColumns.size(); i++) {
      sourceIndex[i] = producers.get(targetColumns.get(i));
      functions.add(mapping.computed().get(targetColumns.get(i)));
    }
    int[] keyOrder = check.keyOrder(readable, producers);
    return new RowMapping(
        mapping,
        target.table(),
        RowLayout.of(readable),
        viewOf(readable, mapping),
        RowLayout.of(targetColumns),
        sourceIndex,
        functions,
        target.primaryKey(),
        keyOrder);
  }

  private static String nameOf(List<String> readable, Integer index) {
    return index == null || index < 0 ? null : readable.get(index);
  }

  /** Dropped columns stay visible to functions, unless a renamed column took their name. */
  private static Map<String, Integer> viewOf(List<String> readable, TableMapping mapping) {
    Map<String, Integer> view = new LinkedHashMap<>();
    for (int i = 0; i < readable.size(); i++) {
      String column = readable.get(i);
      if (!mapping.drops().contains(column)) {
        view.put(mapping.renames().getOrDefault(column, column), i);
      }
    }
    for (int i = 0; i < readable.size(); i++) {
      if (mapping.drops().contains(readable.get(i))) {
        view.putIfAbsent(readable.get(i), i);
      }
    }
    return Collections.unmodifiableMap(view);
  }

  /**
   * Returns the mapping this was bound from.
   *
   * @return the mapping
   */
  public TableMapping mapping() {
    return mapping;
  }

  /**
   * Returns the source columns rows must carry: every source column except those zdm cannot read.
   *
   * @return the layout source rows must have
   */
  public RowLayout sourceLayout() {
    return sourceLayout;
  }

  /**
   * Returns the target columns the mapping fills, in the target table's column order.
   *
   * @return the layout of the rows {@link #apply(Row)} returns
   */
  public RowLayout targetLayout() {
    return targetLayout;
  }

  /**
   * Tells which source column fills a target column.
   *
   * @param targetColumn a column of {@link #targetLayout()}
   * @return the source column, or empty if the target column is computed or not filled
   */
  public Optional<String> sourceColumnOf(String targetColumn) {
    int position = targetLayout.indexOf(targetColumn);
    if (position < 0 || sourceIndex[position] < 0) {
      return Optional.empty();
    }
    return Optional.of(sourceLayout.columns().get(sourceIndex[position]));
  }

  /**
   * Returns the target's primary-key columns, in key order.
   *
   * @return an unmodifiable list
   */
  public List<String> targetKey() {
    return targetKey;
  }

  /**
   * Turns a source row into the target row.
   *
   * @param source a row with {@link #sourceLayout()}
   * @return a row with {@link #targetLayout()}
   * @throws ZdmException if the row has another layout, or a computed column's function throws (the
   *     function's exception is the cause)
   */
  public Row apply(Row source) {
    if (!source.layout().equals(sourceLayout)) {
      throw new ZdmException(
          "mapping to "
              + targetTable
              + " needs rows of "
              + sourceLayout
              + ", got "
              + source.layout());
    }
    Object[] values = new Object[sourceIndex.length];
    RowValues sourceView = null;
    for (int i = 0; i < values.length; i++) {
      if (sourceIndex[i] >= 0) {
        values[i] = source.get(sourceIndex[i]);
        continue;
      }
      if (sourceView == null) {
        sourceView = new SourceView(source, view);
      }
      String column = targetLayout.columns().get(i);
      try {
        values[i] = functions.get(i).apply(sourceView);
      } catch (RuntimeException e) {
        // The class only: the function's own message may quote row values.
        throw new ZdmException(
            "compute('"
                + column
                + "') for target table "
                + targetTable
                + " threw "
                + e.getClass().getName()
                + "; fix the function (see the cause)",
            e);
      }
    }
    return Row.of(targetLayout, values);
  }

  /**
   * Turns a source row's key values into the target row's key values.
   *
   * @param sourceKey the values of the source's primary-key columns, in source key order
   * @return the values of the target's primary-key columns, in target key order
   * @throws ZdmException if the number of values differs from the key's
   */
  public List<Object> targetKey(List<?> sourceKey) {
    if (sourceKey.size() != keyOrder.length) {
      throw new ZdmException(
          "a key of "
              + targetTable
              + " needs "
              + keyOrder.length
              + " values, got "
              + sourceKey.size());
    }
    List<Object> key = new ArrayList<>(keyOrder.length);
    for (int position : keyOrder) {
      key.add(sourceKey.get(position));
    }
    return key;
  }

  @Override
  public String toString() {
    return "RowMapping[" + sourceLayout + " -> " + targetTable + targetLayout + "]";
  }

  /** The source row as computed columns see it: renamed columns under their target names. */
  private record SourceView(Row row, Map<String, Integer> names) implements RowValues {
    @Override
    public Object get(String column) {
      Integer index = names.get(column);
      if (index == null) {
        throw new ZdmException(
            "a computed column asked for column '"
                + column
                + "', which the source row does not have; it has "
                + columns());
      }
      return row.get(index);
    }

    @Override
    public List<String> columns() {
      return List.copyOf(names.keySet());
    }
  }
}
