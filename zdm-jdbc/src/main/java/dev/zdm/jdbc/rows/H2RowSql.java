package dev.zdm.jdbc.rows;

/** The {@link RowSql} of the H2 dialect. */
public final class H2RowSql implements RowSql {

  /** Creates it; the dialect holds one instance. */
  public H2RowSql() {}
}
