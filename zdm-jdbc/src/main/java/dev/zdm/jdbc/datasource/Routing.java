package dev.zdm.jdbc.datasource;

import dev.zdm.Phase;
import dev.zdm.control.PhaseState;

/**
 * Decides which database a transaction binds to, at its first statement. The only implementation
 * today follows the phase's authority ({@link #AUTHORITATIVE}); a read canary (a share of read-only
 * transactions served by the target, sticky by routing key) plugs in here, and must never send a
 * write to the side that is not authoritative: the fence would refuse it.
 */
@FunctionalInterface
interface Routing {

  /** Every transaction goes to the side the phase names. */
  Routing AUTHORITATIVE = (phase, readOnly) -> phase.authoritative();

  /**
   * Picks the side for a transaction about to start.
   *
   * @param phase the current phase; never {@code CUTOVER}, whose end the caller waits for
   * @param readOnly whether the application marked the connection read-only and the transaction's
   *     first statement is a plain read ({@code PlainRead}); false for anything else
   * @return {@link Phase.Side#SOURCE} or {@link Phase.Side#TARGET}
   */
  Phase.Side route(PhaseState phase, boolean readOnly);
}
