package dev.zdm.control;

/**
 * Something in this process that watches a migration's traffic and reports figures for its status
 * (shadow reads, a read canary, an automatic rollback policy). Attached to a migration's control so
 * that its status shows them.
 *
 * <p>Called from whatever thread asks for the status: implementations must be thread-safe, fast and
 * must not touch a database.
 */
@FunctionalInterface
public interface InstrumentSource {

  /**
   * Returns the instrument's figures now.
   *
   * @return the report
   */
  InstrumentReport report();
}
