package dev.zdm.jdbc.rollback;

/**
 * Told when the automatic rollback policy crossed a threshold, after it acted (rolled back, only
 * reported in dry-run, or failed to roll back). Called on the policy's own thread; an exception it
 * throws is logged and ignored.
 */
@FunctionalInterface
public interface RollbackPolicyListener {

  /** Listens to nothing. */
  RollbackPolicyListener NONE = trigger -> {};

  /**
   * Called once per trigger.
   *
   * @param trigger what crossed which threshold, and what came of it
   */
  void triggered(RollbackTrigger trigger);
}
