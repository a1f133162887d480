package dev.zdm.control;

import dev.zdm.Phase;
import java.util.List;

/**
 * What a phase change would do, as a dry run reports it: the guards' readings and the steps, in
 * order. Nothing is changed by producing it.
 *
 * @param migration the migration's name
 * @param from the current state
 * @param to the phase asked for
 * @param legal whether the transition table allows the move
 * @param guards every guard that applies to the move, passed or not
 * @param steps what the change would do, in order, in words
 */
public record TransitionPlan(
    String migration,
    PhaseState from,
    Phase to,
    boolean legal,
    List<GuardCheck> guards,
    List<String> steps) {

  /** Copies the lists. */
  public TransitionPlan {
    guards = List.copyOf(guards);
    steps = List.copyOf(steps);
  }

  /**
   * Tells whether the change would go ahead now: the move is legal and every guard passes.
   *
   * @return true if the change would be attempted
   */
  public boolean wouldProceed() {
    return legal && guards.stream().allMatch(GuardCheck::passed);
  }

  /**
   * Returns the guards that would refuse.
   *
   * @return the failed readings, empty when none
   */
  public List<GuardCheck> refusals() {
    return guards.stream().filter(g -> !g.passed()).toList();
  }
}
