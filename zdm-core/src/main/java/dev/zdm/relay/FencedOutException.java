package dev.zdm.relay;

import dev.zdm.ZdmException;

/**
 * A worker tried to apply changes of a partition whose lease another worker has taken since. The
 * target transaction is rolled back; the new holder applies those changes.
 */
public final class FencedOutException extends ZdmException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which partition and tokens
   */
  public FencedOutException(String message) {
    super(message);
  }
}
