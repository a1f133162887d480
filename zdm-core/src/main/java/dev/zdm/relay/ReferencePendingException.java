package dev.zdm.relay;

import dev.zdm.ZdmException;

/**
 * The other database refused a batch on a foreign key: a row references a parent that is not there
 * yet, or a parent is deleted while a child still references it. Partitions are applied
 * independently, so the change that resolves it (the parent's insert, the child's delete) may still
 * wait in another partition. The relay keeps such a row in the outbox, outside the retry budget,
 * until every change captured before it has been applied, and parks it only if it still fails then.
 */
public final class ReferencePendingException extends ZdmException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which constraint and table, without row values
   * @param cause the driver's error
   */
  public ReferencePendingException(String message, Throwable cause) {
    super(message, cause);
  }
}
