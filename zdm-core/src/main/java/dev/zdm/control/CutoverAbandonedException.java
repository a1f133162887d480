package dev.zdm.control;

import dev.zdm.ZdmException;

/**
 * Thrown when a fenced switch of authority gave up (the fence was not granted within its lock
 * timeout, the outbox did not drain in time, or a step failed) and the migration stayed in the
 * phase it was in. No application write was lost or committed on the wrong side; writes that waited
 * for the fence went on where they were.
 */
public final class CutoverAbandonedException extends ZdmException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what gave up, in which phase the migration stayed, and what to do
   * @param cause the underlying failure, may be null
   */
  public CutoverAbandonedException(String message, Throwable cause) {
    super(message, cause);
  }
}
