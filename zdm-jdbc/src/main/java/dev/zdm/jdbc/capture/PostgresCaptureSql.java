package dev.zdm.jdbc.capture;

/** The {@link CaptureSql} of the Postgres dialect. */
public final class PostgresCaptureSql implements CaptureSql {

  /** Creates it; the dialect holds one instance. */
  public PostgresCaptureSql() {}
}
