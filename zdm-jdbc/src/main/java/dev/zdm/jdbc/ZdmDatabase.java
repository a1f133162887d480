package dev.zdm.jdbc;

import dev.zdm.ZdmException;
import dev.zdm.jdbc.schema.ZdmTables;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * One database zdm works with: where to connect, its dialect, and the names of zdm's tables in it.
 * Immutable and thread-safe.
 */
public final class ZdmDatabase {

  private final DataSource dataSource;
  private final Dialect dialect;
  private final ZdmTables tables;

  private ZdmDatabase(DataSource dataSource, Dialect dialect, ZdmTables tables) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.tables = Objects.requireNonNull(tables, "tables");
  }

  /**
   * Describes a database with zdm's default table names, detecting its dialect.
   *
   * @param dataSource where to connect
   * @return the database
   * @throws ZdmException if it cannot be reached or its engine is not supported
   */
  public static ZdmDatabase of(DataSource dataSource) {
    return of(dataSource, ZdmTables.defaults());
  }

  /**
   * Describes a database with the given table names, detecting its dialect.
   *
   * @param dataSource where to connect
   * @param tables zdm's table names in it
   * @return the database
   * @throws ZdmException if it cannot be reached or its engine is not supported
   */
  public static ZdmDatabase of(DataSource dataSource, ZdmTables tables) {
    return new ZdmDatabase(dataSource, Dialects.detect(dataSource), tables);
  }

  /**
   * Describes a database whose dialect is known.
   *
   * @param dataSource where to connect
   * @param dialect its dialect
   * @param tables zdm's table names in it
   * @return the database
   */
  public static ZdmDatabase of(DataSource dataSource, Dialect dialect, ZdmTables tables) {
    return new ZdmDatabase(dataSource, dialect, tables);
  }

  /** Returns where to connect. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Returns the engine's dialect. */
  public Dialect dialect() {
    return dialect;
  }

  /** Returns zdm's table names. */
  public ZdmTables tables() {
    return tables;
  }

  /**
   * Returns one of zdm's tables, quoted and qualified for SQL.
   *
   * @param table an unquoted name from {@link #tables()}
   * @return SQL text
   */
  public String table(String table) {
    return tables.qualified(dialect, table);
  }
}
