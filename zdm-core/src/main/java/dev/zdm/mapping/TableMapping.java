package dev.zdm.mapping;

import dev.zdm.ZdmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * How one source table maps onto one target table: the target's name, renamed columns, dropped
 * source columns and computed target columns. Columns not mentioned are copied to the target column
 * of the same name. Built with {@link #builder(String)}; every setting is checked when {@link
 * Builder#build()} runs, and the mapping is checked against both tables' columns by {@link
 * #bind(TableColumns, TableColumns)} before any row moves.
 *
 * <pre>{@code
 * TableMapping people = TableMapping.builder("people")
 *     .targetTable("persons")
 *     .rename("first", "given_name")
 *     .drop("legacy_flags")
 *     .drop("cents")
 *     .compute("amount", row -> BigDecimal.valueOf((Long) row.get("cents"), 2))
 *     .build();
 * }</pre>
 *
 * <p>A computed column's function receives the source row with renamed columns under their target
 * names and every other readable source column, dropped ones included, under its source name. It
 * runs on zdm's worker threads, so it must be thread-safe and should be fast and free of I/O.
 * Instances are immutable and thread-safe.
 */
public final class TableMapping {

  private static final int MAX_NAME_LENGTH = 128;

  private final String sourceTable;
  private final String sourceSchema;
  private final String targetTable;
  private final String targetSchema;
  private final Map<String, String> renames;
  private final Set<String> drops;
  private final Map<String, Function<RowValues, Object>> computed;

  private TableMapping(Builder builder) {
    this.sourceTable = builder.sourceTable;
    this.sourceSchema = builder.sourceSchema;
    this.targetTable = builder.targetTable == null ? builder.sourceTable : builder.targetTable;
    this.targetSchema = builder.targetSchema;
    this.renames = Collections.unmodifiableMap(new LinkedHashMap<>(builder.renames));
    this.drops = Collections.unmodifiableSet(new LinkedHashSet<>(builder.drops));
    this.computed = Collections.unmodifiableMap(new LinkedHashMap<>(builder.computed));
  }

  /**
   * Starts a mapping for a source table; by default the target table has the same name and every
   * column is copied as is.
   *
   * @param sourceTable the source table's name, exactly as the catalog spells it
   * @return a builder
   */
  public static Builder builder(String sourceTable) {
    return new Builder(sourceTable);
  }

  /**
   * Returns the mapping that copies a table to the table of the same name, column by column.
   *
   * @param table the table's name
   * @return the mapping
   * @throws ZdmException if the name is not usable
   */
  public static TableMapping identity(String table) {
    return builder(table).build();
  }

  /**
   * Returns the source table's name.
   *
   * @return the name
   */
  public String sourceTable() {
    return sourceTable;
  }

  /**
   * Returns the source table's schema (a database, in MariaDB).
   *
   * @return the schema, or empty for the source connection's current schema
   */
  public Optional<String> sourceSchema() {
    return Optional.ofNullable(sourceSchema);
  }

  /**
   * Returns the target table's name.
   *
   * @return the name; the source table's name unless set
   */
  public String targetTable() {
    return targetTable;
  }

  /**
   * Returns the target table's schema.
   *
   * @return the schema, or empty for the target connection's current schema
   */
  public Optional<String> targetSchema() {
    return Optional.ofNullable(targetSchema);
  }

  /**
   * Returns the renamed columns.
   *
   * @return source column name to target column name, unmodifiable
   */
  public Map<String, String> renames() {
    return renames;
  }

  /**
   * Returns the source columns that are not copied.
   *
   * @return unmodifiable, in the order given
   */
  public Set<String> drops() {
    return drops;
  }

  /**
   * Returns the computed target columns.
   *
   * @return target column name to its function, unmodifiable, in the order given
   */
  public Map<String, Function<RowValues, Object>> computed() {
    return computed;
  }

  /**
   * Checks this mapping against the source and target tables and prepares it for rows: every
   * renamed or dropped column exists in the source, every produced column exists in the target and
   * can be written, every column zdm cannot carry is dropped, every required target column gets a
   * value, and the target's primary key is copied from the source's primary key (renamed if need
   * be), so that a source key alone identifies the target row, as deletes require.
   *
   * @param source the source table's columns
   * @param target the target table's columns
   * @return the bound mapping
   * @throws ZdmException naming the table, the column and what to change, if any check fails
   */
  public RowMapping bind(TableColumns source, TableColumns target) {
    return RowMapping.bind(this, source, target);
  }

  @Override
  public String toString() {
    return "TableMapping[" + sourceTable + " -> " + targetTable + "]";
  }

  /** Builds a {@link TableMapping}; checks every setting in {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private final String sourceTable;
    private String sourceSchema;
    private String targetTable;
    private String targetSchema;
    private final Map<String, String> renames = new LinkedHashMap<>();
    private final Set<String> drops = new LinkedHashSet<>();
    private final Map<String, Function<RowValues, Object>> computed = new LinkedHashMap<>();
    private ZdmException firstError;

    private Builder(String sourceTable) {
      this.sourceTable = sourceTable;
    }

    /**
     * Sets the source table's schema.
     *
     * @param schema the schema (a database, in MariaDB), or null for the connection's current one
     * @return this builder
     */
    public Builder sourceSchema(String schema) {
      this.sourceSchema = schema;
      return this;
    }

    /**
     * Sets the target table's name.
     *
     * @param table the name, or null for the source table's name
     * @return this builder
     */
    public Builder targetTable(String table) {
      this.targetTable = table;
      return this;
    }

    /**
     * Sets the target table's schema.
     *
     * @param schema the schema, or null for the connection's current one
     * @return this builder
     */
    public Builder targetSchema(String schema) {
      this.targetSchema = schema;
      return this;
    }

    /**
     * Copies a source column into a target column of another name.
     *
     * @param sourceColumn the source column
     * @param targetColumn the target column
     * @return this builder
     */
    public Builder rename(String sourceColumn, String targetColumn) {
      if (renames.containsKey(sourceColumn)) {
        fail("rename", "renames source column '" + sourceColumn + "' twice", targetColumn);
      } else if (renames.containsValue(targetColumn)) {
        fail("rename", "renames two source columns to the same target column", targetColumn);
      }
      renames.put(sourceColumn, targetColumn);
      return this;
    }

    /**
     * Leaves a source column out of the target. Computed columns can still read it.
     *
     * @param sourceColumn the source column
     * @return this builder
     */
    public Builder drop(String sourceColumn) {
      drops.add(sourceColumn);
      return this;
    }

    /**
     * Fills a target column from a function of the source row.
     *
     * @param targetColumn the target column
     * @param function computes the column's value; see {@link TableMapping} for what it receives
     * @return this builder
     */
    public Builder compute(String targetColumn, Function<RowValues, Object> function) {
      if (computed.containsKey(targetColumn)) {
        fail("compute", "computes the same target column twice", targetColumn);
      }
      computed.put(targetColumn, function);
      return this;
    }

    /**
     * Checks every setting and builds the mapping.
     *
     * @return the mapping
     * @throws ZdmException naming the first bad setting and its value
     */
    public TableMapping build() {
      if (firstError != null) {
        throw firstError;
      }
      checkName("sourceTable", sourceTable);
      checkOptionalName("sourceSchema", sourceSchema);
      checkOptionalName("targetTable", targetTable);
      checkOptionalName("targetSchema", targetSchema);
      renames.forEach(
          (from, to) -> {
            checkName("rename (source column)", from);
            checkName("rename (target column)", to);
            if (from.equals(to)) {
              fail("rename", "renames a column to itself; remove it", to);
            }
            if (drops.contains(from)) {
              fail("rename", "renames a column that drop() also drops", from);
            }
            if (computed.containsKey(to)) {
              fail("rename", "names a target column that compute() also fills", to);
            }
          });
      drops.forEach(column -> checkName("drop", column));
      computed.forEach(
          (column, function) -> {
            checkName("compute (target column)", column);
            if (function == null) {
              fail("compute", "needs a function for column '" + column + "'", "null");
            }
          });
      if (firstError != null) {
        throw firstError;
      }
      return new TableMapping(this);
    }

    private void checkOptionalName(String property, String name) {
      if (name != null) {
        checkName(property, name);
      }
    }

    private void checkName(String property, String name) {
      if (name == null || name.isBlank()) {
        fail(property, "must not be empty", String.valueOf(name));
      } else if (name.length() > MAX_NAME_LENGTH) {
        fail(property, "must be at most " + MAX_NAME_LENGTH + " characters", name);
      } else if (!name.strip().equals(name)) {
        fail(property, "must not start or end with white space", name);
      } else if (name.chars().anyMatch(Character::isISOControl)) {
        fail(property, "must not contain control characters", name.replaceAll("\\p{Cntrl}", "?"));
      }
    }

    private void fail(String property, String problem, String value) {
      if (firstError == null) {
        firstError =
            new ZdmException(
                "table mapping for '"
                    + sourceTable
                    + "': "
                    + property
                    + " "
                    + problem
                    + ", was '"
                    + value
                    + "'");
      }
    }
  }
}
