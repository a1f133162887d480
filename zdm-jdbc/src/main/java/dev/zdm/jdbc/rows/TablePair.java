package dev.zdm.jdbc.rows;

import dev.zdm.ZdmException;
import dev.zdm.mapping.RowMapping;
import dev.zdm.mapping.TableColumns;
import dev.zdm.mapping.TableMapping;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One migrated table: its source and target shapes and the mapping between them, checked at start
 * so that every row that later moves is carried exactly. Gives the {@link RowReader} for the source
 * and the {@link RowWriter} for the target.
 *
 * <p>Checked: the mapping against both tables ({@link TableMapping#bind}); every copied column's
 * type against its target column's ({@code docs/types.md} lists the pairs zdm carries, and a
 * narrower target such as {@code numeric(10,2)} for {@code numeric(12,3)} is refused rather than
 * rounded); and the source key's types, which must be ones the outbox's JSON keys can name.
 * Immutable and thread-safe.
 */
public final class TablePair {

  private final TableMapping mapping;
  private final TableShape source;
  private final TableShape target;
  private final RowMapping rowMapping;
  private final RowReader reader;
  private final RowWriter writer;

  private TablePair(
      TableMapping mapping, TableShape source, TableShape target, RowMapping rowMapping) {
    this.mapping = mapping;
    this.source = source;
    this.target = target;
    this.rowMapping = rowMapping;
    this.reader = new RowReader(source, rowMapping.sourceLayout());
    this.writer = new RowWriter(this, target.dialect().rows().defaultRowsPerStatement());
  }

  /**
   * Reads both tables' shapes, in the schemas the mapping names or the connections' current ones,
   * and checks the pair.
   *
   * @param mapping the mapping
   * @param source a connection to the source database; only its catalog is read
   * @param target a connection to the target database; only its catalog is read
   * @return the checked pair
   * @throws SQLException if a catalog cannot be read
   * @throws ZdmException as {@link TableShape#read} and {@link #of}
   */
  public static TablePair read(TableMapping mapping, Connection source, Connection target)
      throws SQLException {
    TableShape sourceShape =
        TableShape.read(source, mapping.sourceSchema().orElse(null), mapping.sourceTable());
    TableShape targetShape =
        TableShape.read(target, mapping.targetSchema().orElse(null), mapping.targetTable());
    return of(mapping, sourceShape, targetShape);
  }

  /**
   * Checks a mapping against two tables' shapes.
   *
   * @param mapping the mapping
   * @param source the source table's shape
   * @param target the target table's shape
   * @return the checked pair
   * @throws ZdmException naming the table, the column and what to change, if the shapes do not
   *     match the mapping's table names, a column zdm cannot carry is not dropped, a copied
   *     column's target cannot hold its values exactly, or the keys do not correspond
   */
  public static TablePair of(TableMapping mapping, TableShape source, TableShape target) {
    requireTable("source", mapping.sourceTable(), source);
    requireTable("target", mapping.targetTable(), target);
    requireKeyKinds(source);
    RowMapping rowMapping = mapping.bind(columnsOf(source, false), columnsOf(target, true));
    for (String column : rowMapping.targetLayout().columns()) {
      ColumnShape to = target.column(column).orElseThrow();
      rowMapping
          .sourceColumnOf(column)
          .ifPresent(
              from -> requireCompatible(source, source.column(from).orElseThrow(), target, to));
    }
    return new TablePair(mapping, source, target, rowMapping);
  }

  private static TableColumns columnsOf(TableShape shape, boolean target) {
    List<String> names = new ArrayList<>();
    Map<String, String> refused = new LinkedHashMap<>();
    Set<String> required = new LinkedHashSet<>();
    for (ColumnShape column : shape.columns()) {
      names.add(column.name());
      if (column.kind() == ColumnKind.UNSUPPORTED) {
        refused.put(
            column.name(),
            "its type "
                + column.typeName()
                + " has no exact counterpart zdm carries (see docs/types.md)");
      } else if (target && column.generated()) {
        refused.put(column.name(), "the database generates its values");
      } else if (target && !column.nullable() && !column.hasDefault()) {
        required.add(column.name());
      }
    }
    List<String> key = shape.primaryKey().stream().map(ColumnShape::name).toList();
    return new TableColumns(shape.qualifiedName(), names, key, refused, required);
  }

  private static void requireTable(String side, String expected, TableShape shape) {
    if (!expected.equals(shape.table())) {
      throw new ZdmException(
          "the mapping's "
              + side
              + " table is '"
              + expected
              + "' but the "
              + side
              + " shape given is of "
              + shape.qualifiedName());
    }
  }

  /** The outbox names keys with JSON scalars; binary and JSON keys have no such name. */
  private static void requireKeyKinds(TableShape source) {
    for (ColumnShape column : source.primaryKey()) {
      ColumnKind kind = column.kind();
      if (kind == ColumnKind.BINARY || kind == ColumnKind.JSON || kind == ColumnKind.UNSUPPORTED) {
        throw new ZdmException(
            "source table "
                + source.qualifiedName()
                + " primary-key column '"
                + column.name()
                + "' is of type "
                + column.describeType()
                + ", which zdm cannot use as a key: keys travel through the outbox as JSON"
                + " numbers, text or booleans. Migrate this table with a primary key of integers,"
                + " numerics, text, dates, times, timestamps or UUIDs");
      }
    }
  }

  private static void requireCompatible(
      TableShape source, ColumnShape from, TableShape target, ColumnShape to) {
    String problem = TypeCompatibility.problem(from, to);
    if (problem != null) {
      throw new ZdmException(
          "source table "
              + source.qualifiedName()
              + " column '"
              + from.name()
              + "' ("
              + from.describeType()
              + ") cannot be copied exactly into target table "
              + target.qualifiedName()
              + " column '"
              + to.name()
              + "' ("
              + to.describeType()
              + "): "
              + problem
              + ". Change the target column's type, or drop(\""
              + from.name()
              + "\") and compute(\""
              + to.name()
              + "\", ...) to convert the values yourself");
    }
  }

  /**
   * Returns the mapping.
   *
   * @return the mapping
   */
  public TableMapping mapping() {
    return mapping;
  }

  /**
   * Returns the source table's shape.
   *
   * @return the shape
   */
  public TableShape source() {
    return source;
  }

  /**
   * Returns the target table's shape.
   *
   * @return the shape
   */
  public TableShape target() {
    return target;
  }

  /**
   * Returns the mapping bound to both tables, which turns source rows into target rows.
   *
   * @return the bound mapping
   */
  public RowMapping rowMapping() {
    return rowMapping;
  }

  /**
   * Returns the reader of the source table.
   *
   * @return the same reader on every call
   */
  public RowReader reader() {
    return reader;
  }

  /**
   * Returns the writer of the target table, with the engine's measured rows per statement.
   *
   * @return the same writer on every call
   */
  public RowWriter writer() {
    return writer;
  }

  @Override
  public String toString() {
    return "TablePair[" + source.qualifiedName() + " -> " + target.qualifiedName() + "]";
  }
}
