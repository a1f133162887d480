package dev.zdm.jdbc.rows;

/** The {@link RowSql} of the Postgres dialect. */
public final class PostgresRowSql implements RowSql {

  /** Creates it; the dialect holds one instance. */
  public PostgresRowSql() {}
}
