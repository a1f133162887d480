package dev.zdm.control;

import dev.zdm.ZdmException;

/**
 * Thrown when another instance changed the phase between this instance's reading and its write (the
 * epoch no longer matched), so this instance's phase change did not happen. Read the status again
 * and decide.
 */
public final class PhaseConflictException extends ZdmException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the migration, the expected epoch and what was found
   */
  public PhaseConflictException(String message) {
    super(message);
  }
}
