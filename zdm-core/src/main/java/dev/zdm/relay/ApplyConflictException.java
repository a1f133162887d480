package dev.zdm.relay;

import dev.zdm.ZdmException;

/**
 * The other database rolled a batch back to resolve a conflict with concurrent transactions: a
 * deadlock victim, a serialization failure, a lock wait that timed out. Nothing is wrong with the
 * rows; the relay retries the batch, and a single row that still conflicts when isolated stays in
 * the outbox for the next batches instead of being parked.
 */
public final class ApplyConflictException extends ZdmException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was being done, without row values
   * @param cause the driver's error
   */
  public ApplyConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
