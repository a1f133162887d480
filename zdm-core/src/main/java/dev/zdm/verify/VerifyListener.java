package dev.zdm.verify;

/**
 * Hears what a verification does. Called on the verifier's threads; a listener that throws is
 * logged and ignored. Implementations must be thread-safe. Events carry keys, never row values.
 */
public interface VerifyListener {

  /** A listener that does nothing. */
  VerifyListener NONE = new VerifyListener() {};

  /**
   * A verification started.
   *
   * @param migration the migration
   */
  default void started(String migration) {}

  /**
   * A chunk was compared.
   *
   * @param migration the migration
   * @param table the source table
   * @param rows the source rows in the chunk
   * @param equal whether both sides' counts and digests matched
   */
  default void chunkCompared(String migration, String table, long rows, boolean equal) {}

  /**
   * A difference persisted through the re-checks and will be reported.
   *
   * @param migration the migration
   * @param difference the difference, without values
   */
  default void differenceFound(String migration, Difference difference) {}

  /**
   * A verification finished.
   *
   * @param migration the migration
   * @param report its report, without row values
   */
  default void finished(String migration, VerificationReport report) {}
}
