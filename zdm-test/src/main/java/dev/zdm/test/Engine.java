package dev.zdm.test;

/**
 * A database engine the real-database test harness can provide.
 *
 * <p>Immutable and thread-safe.
 */
public enum Engine {
  /** PostgreSQL, from a local server, {@code ZDM_TEST_POSTGRES_URL} or Testcontainers. */
  POSTGRES("PostgreSQL"),
  /** MariaDB, from a local server, {@code ZDM_TEST_MARIADB_URL} or Testcontainers. */
  MARIADB("MariaDB"),
  /** H2 in-memory; always available, needs no server. */
  H2("H2");

  private final String displayName;

  Engine(String displayName) {
    this.displayName = displayName;
  }

  /**
   * Returns the human-readable product name, e.g. {@code "PostgreSQL"}.
   *
   * @return the display name, never {@code null}
   */
  public String displayName() {
    return displayName;
  }
}
