package dev.zdm.jdbc.control;

import dev.zdm.Phase;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.jdbc.capture.CaptureInstaller;
import dev.zdm.mapping.TableMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The triggers a migration's phase changes install and remove: capture (and fence) triggers on the
 * migrated tables of either side, each side's tables grouped by their schema.
 */
record ControlTriggers(
    String migration, JdbcPhaseStore store, List<TableMapping> mappings, int partitions) {

  void installBothSides() {
    install(Phase.Side.SOURCE);
    install(Phase.Side.TARGET);
  }

  void install(Phase.Side side) {
    bySchema(side).forEach((schema, tables) -> installer(side, schema).install(tables));
  }

  void removeBothSides() {
    for (Phase.Side side : new Phase.Side[] {Phase.Side.SOURCE, Phase.Side.TARGET}) {
      installer(side, null).removeAll();
    }
  }

  List<String> sourceTables() {
    return mappings.stream().map(TableMapping::sourceTable).toList();
  }

  List<String> targetTables() {
    return mappings.stream().map(TableMapping::targetTable).toList();
  }

  /** The tables of one side, grouped by their schema (null: the connection's current schema). */
  private Map<String, List<String>> bySchema(Phase.Side side) {
    Map<String, List<String>> bySchema = new LinkedHashMap<>();
    for (TableMapping m : mappings) {
      String schema =
          (side == Phase.Side.SOURCE ? m.sourceSchema() : m.targetSchema()).orElse(null);
      bySchema
          .computeIfAbsent(schema, k -> new ArrayList<>())
          .add(side == Phase.Side.SOURCE ? m.sourceTable() : m.targetTable());
    }
    return bySchema;
  }

  private CaptureInstaller installer(Phase.Side side, String tableSchema) {
    ZdmDatabase db = store.db(side);
    return CaptureInstaller.builder(db.dataSource())
        .migration(migration)
        .tablePrefix(db.tables().prefix())
        .schema(db.tables().schema().orElse(null))
        .tableSchema(tableSchema)
        .partitions(partitions)
        .side(side)
        .build();
  }
}
