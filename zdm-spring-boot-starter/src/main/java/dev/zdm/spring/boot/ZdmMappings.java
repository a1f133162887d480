package dev.zdm.spring.boot;

import dev.zdm.ZdmException;
import dev.zdm.mapping.TableMapping;
import java.util.List;

/**
 * The migrated tables and how each maps onto the target, in the order they are applied (parents
 * first). Built from {@code zdm.tables}; declare a bean of this type to add what properties cannot
 * say (computed columns through a Java function). Immutable.
 *
 * @param tables the mappings
 */
public record ZdmMappings(List<TableMapping> tables) {

  /** Copies the list. */
  public ZdmMappings {
    tables = List.copyOf(tables);
  }

  /**
   * Builds the mappings from the properties.
   *
   * @param properties the bound properties
   * @return the mappings
   * @throws ZdmException naming the migration and the property when no table is configured or one
   *     has no name
   */
  public static ZdmMappings from(ZdmProperties properties) {
    String migration = properties.getMigration();
    if (properties.getTables().isEmpty()) {
      throw new ZdmException(
          migration
              + ": zdm.tables is empty; list the tables to migrate, for example"
              + " zdm.tables[0].name=orders");
    }
    List<TableMapping> mappings =
        properties.getTables().stream()
            .map(
                table -> {
                  if (table.getName() == null || table.getName().isBlank()) {
                    throw new ZdmException(
                        migration
                            + ": zdm.tables["
                            + properties.getTables().indexOf(table)
                            + "].name is missing; set the source table's name");
                  }
                  TableMapping.Builder builder = TableMapping.builder(table.getName());
                  if (table.getSourceSchema() != null) {
                    builder.sourceSchema(table.getSourceSchema());
                  }
                  if (table.getTargetTable() != null) {
                    builder.targetTable(table.getTargetTable());
                  }
                  if (table.getTargetSchema() != null) {
                    builder.targetSchema(table.getTargetSchema());
                  }
                  table.getRenames().forEach(builder::rename);
                  table.getDrops().forEach(builder::drop);
                  return builder.build();
                })
            .toList();
    return new ZdmMappings(mappings);
  }
}
