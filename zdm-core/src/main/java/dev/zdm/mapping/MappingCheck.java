package dev.zdm.mapping;

import dev.zdm.ZdmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks {@link TableMapping#bind} runs, each failing with a message that says what to do. */
final class MappingCheck {

  private final TableMapping mapping;
  private final TableColumns source;
  private final TableColumns target;

  MappingCheck(TableMapping mapping, TableColumns source, TableColumns target) {
    this.mapping = mapping;
    this.source = source;
    this.target = target;
  }

  void sourceColumnsExist() {
    for (String column : mapping.renames().keySet()) {
      requireSourceColumn("rename", column);
    }
    for (String column : mapping.drops()) {
      requireSourceColumn("drop", column);
    }
  }

  /** Every source column except dropped ones zdm cannot read; a refused one must be dropped. */
  List<String> readableSourceColumns() {
    List<String> readable = new ArrayList<>();
    for (String column : source.columns()) {
      String reason = source.refused().get(column);
      if (reason == null) {
        readable.add(column);
      } else if (!mapping.drops().contains(column)) {
        throw new ZdmException(
            "source table "
                + source.table()
                + " column '"
                + column
                + "' cannot be carried exactly: "
                + reason
                + ". Drop it from the mapping (drop(\""
                + column
                + "\")) and, if the target needs it, fill the target column with"
                + " compute(...) from other columns");
      }
    }
    return readable;
  }

  void producible(String sourceColumn, String targetColumn, String earlier) {
    if (earlier != null) {
      throw new ZdmException(
          "mapping "
              + source.table()
              + " -> "
              + target.table()
              + " fills target column '"
              + targetColumn
              + "' twice (from source columns '"
              + earlier
              + "' and '"
              + sourceColumn
              + "'); rename or drop one of them");
    }
    if (!target.columns().contains(targetColumn)) {
      String how =
          sourceColumn.equals(targetColumn)
              ? "rename(\"" + sourceColumn + "\", ...) it to a target column or drop(\""
              : "rename it to an existing target column or drop(\"";
      throw new ZdmException(
          "source table "
              + source.table()
              + " column '"
              + sourceColumn
              + "' maps to target column '"
              + targetColumn
              + "', which target table "
              + target.table()
              + " does not have (its columns: "
              + target.columns()
              + "); "
              + how
              + sourceColumn
              + "\") it");
    }
    requireWritable(targetColumn, "drop(\"" + sourceColumn + "\") it from the mapping");
  }

  void computable(String targetColumn, String copied) {
    if (copied != null) {
      throw new ZdmException(
          "mapping "
              + source.table()
              + " -> "
              + target.table()
              + ": compute(\""
              + targetColumn
              + "\") fills a target column that source column '"
              + copied
              + "' already fills; drop(\""
              + copied
              + "\") to replace its value with the computed one");
    }
    if (!target.columns().contains(targetColumn)) {
      throw new ZdmException(
          "compute(\""
              + targetColumn
              + "\"): target table "
              + target.table()
              + " has no such column (its columns: "
              + target.columns()
              + ")");
    }
    requireWritable(targetColumn, "remove compute(\"" + targetColumn + "\")");
  }

  void requiredColumnsProduced(Set<String> produced) {
    for (String column : target.required()) {
      if (!produced.contains(column)) {
        throw new ZdmException(
            "target table "
                + target.table()
                + " column '"
                + column
                + "' is NOT NULL without a default, and the mapping gives it no value; map a"
                + " source column to it (rename) or fill it with compute(\""
                + column
                + "\", ...)");
      }
    }
  }

  /**
   * For each target key column, the position in the source key of the column that fills it. The
   * target key must be the source key, renamed if need be: deletes carry only the source key.
   */
  int[] keyOrder(List<String> readable, Map<String, Integer> producers) {
    List<String> sourceKey = source.primaryKey();
    List<String> targetKey = target.primaryKey();
    int[] order = new int[targetKey.size()];
    for (int i = 0; i < targetKey.size(); i++) {
      String column = targetKey.get(i);
      Integer producer = producers.get(column);
      int position =
          producer == null || producer < 0 ? -1 : sourceKey.indexOf(readable.get(producer));
      if (position < 0) {
        String filled =
            producer == null
                ? "gets no value from the mapping"
                : producer < 0
                    ? "is computed"
                    : "is filled from source column '" + readable.get(producer) + "'";
        throw new ZdmException(
            "target table "
                + target.table()
                + " primary-key column '"
                + column
                + "' "
                + filled
                + ", but it must be copied from a primary-key column of source table "
                + source.table()
                + " "
                + sourceKey
                + " (renamed if need be): zdm finds and deletes target rows by the source key");
      }
      order[i] = position;
    }
    if (targetKey.size() != sourceKey.size()) {
      throw new ZdmException(
          "target table "
              + target.table()
              + " has primary key "
              + targetKey
              + " but source table "
              + source.table()
              + " has "
              + sourceKey
              + "; the keys must have the same columns (renamed if need be)");
    }
    return order;
  }

  private void requireSourceColumn(String property, String column) {
    if (!source.columns().contains(column)) {
      throw new ZdmException(
          "table mapping for '"
              + mapping.sourceTable()
              + "': "
              + property
              + " names source column '"
              + column
              + "', which source table "
              + source.table()
              + " does not have (its columns: "
              + source.columns()
              + ")");
    }
  }

  private void requireWritable(String targetColumn, String remedy) {
    String reason = target.refused().get(targetColumn);
    if (reason != null) {
      throw new ZdmException(
          "target table "
              + target.table()
              + " column '"
              + targetColumn
              + "' cannot be written: "
              + reason
              + "; "
              + remedy);
    }
  }
}
