package dev.zdm.jdbc.capture;

/** The {@link CaptureSql} of the H2 dialect. */
public final class H2CaptureSql implements CaptureSql {

  /** Creates it; the dialect holds one instance. */
  public H2CaptureSql() {}
}
