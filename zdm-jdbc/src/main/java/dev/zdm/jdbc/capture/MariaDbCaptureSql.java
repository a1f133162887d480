package dev.zdm.jdbc.capture;

/** The {@link CaptureSql} of the MariaDb dialect. */
public final class MariaDbCaptureSql implements CaptureSql {

  /** Creates it; the dialect holds one instance. */
  public MariaDbCaptureSql() {}
}
