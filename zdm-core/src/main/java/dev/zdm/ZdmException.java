package dev.zdm;

/**
 * The root of every unchecked exception zdm throws outside the JDBC path.
 *
 * <p>On the JDBC path (through {@code DualWriteDataSource}) errors are {@link java.lang.Exception}s
 * of the {@code SQLException} family instead, so that applications and pools keep handling them the
 * way they already do. Messages name the migration, table and phase where they apply and say what
 * to do; they never contain row values or credentials.
 */
public class ZdmException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what went wrong and what to do.
   *
   * @param message the diagnosis, without row values or credentials
   */
  public ZdmException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the underlying cause.
   *
   * @param message the diagnosis, without row values or credentials
   * @param cause the failure that led to this one
   */
  public ZdmException(String message, Throwable cause) {
    super(message, cause);
  }
}
