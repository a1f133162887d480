package dev.zdm.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionPlanTest {

  private static final PhaseState DUAL_WRITE = new PhaseState("orders-to-pg", Phase.DUAL_WRITE, 4);

  @Test
  void aLegalMoveWithEveryGuardPassedWouldProceed() {
    TransitionPlan plan =
        new TransitionPlan(
            "orders-to-pg",
            DUAL_WRITE,
            Phase.TARGET_PRIMARY,
            true,
            List.of(new GuardCheck(GuardCheck.RELAY_LAG, true, "0.1 s", "at most 5.0 s")),
            List.of("take the fence"));

    assertThat(plan.wouldProceed()).isTrue();
    assertThat(plan.refusals()).isEmpty();
  }

  @Test
  void oneFailedGuardOrAnIllegalMoveStopsIt() {
    GuardCheck failed =
        new GuardCheck(GuardCheck.BACKFILL_COMPLETE, false, "3 of 8 ranges done", "all done");
    TransitionPlan guarded =
        new TransitionPlan(
            "orders-to-pg", DUAL_WRITE, Phase.TARGET_PRIMARY, true, List.of(failed), List.of());
    TransitionPlan illegal =
        new TransitionPlan(
            "orders-to-pg", DUAL_WRITE, Phase.TARGET_ONLY, false, List.of(), List.of());

    assertThat(guarded.wouldProceed()).isFalse();
    assertThat(guarded.refusals()).containsExactly(failed);
    assertThat(illegal.wouldProceed()).isFalse();
  }

  @Test
  void aRefusalNamesEveryFailedGuardWithObservedAndRequiredValues() {
    GuardRefusedException refused =
        new GuardRefusedException(
            "orders-to-pg",
            Phase.DUAL_WRITE,
            Phase.TARGET_PRIMARY,
            List.of(
                new GuardCheck(GuardCheck.BACKFILL_COMPLETE, false, "3 of 8 ranges done", "all"),
                new GuardCheck(GuardCheck.RELAY_LAG, false, "12.5 s", "at most 5.0 s")));

    assertThat(refused.getMessage())
        .contains("migration 'orders-to-pg': refused to move from DUAL_WRITE to TARGET_PRIMARY")
        .contains("backfill-complete (REFUSED): observed 3 of 8 ranges done, required all")
        .contains("relay-lag (REFUSED): observed 12.5 s, required at most 5.0 s")
        .contains("Nothing was changed");
    assertThat(refused.failed()).hasSize(2);
  }
}
