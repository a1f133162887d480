package dev.zdm.jdbc.rows;

/** The {@link RowSql} of the MariaDb dialect. */
public final class MariaDbRowSql implements RowSql {

  /** Creates it; the dialect holds one instance. */
  public MariaDbRowSql() {}
}
