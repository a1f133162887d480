package dev.zdm.relay;

import dev.zdm.ZdmException;

/**
 * A database the relay needs could not be reached. The changes stay in the outbox; the relay's
 * circuit breaker opens and it waits, never parking rows because of an outage.
 */
public final class TargetUnavailableException extends ZdmException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be reached, without credentials
   * @param cause the driver's error
   */
  public TargetUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
