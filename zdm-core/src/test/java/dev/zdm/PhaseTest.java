package dev.zdm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class PhaseTest {

  @Property
  void aMoveIsAllowedExactlyWhenTheTableListsIt(@ForAll Phase from, @ForAll Phase to) {
    if (from.allowedNext().contains(to)) {
      from.requireMoveTo(to, "orders");
    } else {
      assertThatThrownBy(() -> from.requireMoveTo(to, "orders"))
          .isInstanceOf(IllegalPhaseTransitionException.class)
          .hasMessageContaining("migration 'orders'")
          .hasMessageContaining(from + " to " + to);
    }
  }

  @Property
  void noPhaseMovesToItself(@ForAll Phase phase) {
    assertThat(phase.canMoveTo(phase)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void authorityOnlyFlipsThroughTheFencedCutover() {
    for (Phase from : Phase.values()) {
      for (Phase to : from.allowedNext()) {
        boolean flips =
            from.authoritative() != Phase.Side.NONE
                && to.authoritative() != Phase.Side.NONE
                && from.authoritative() != to.authoritative();
        assertThat(flips).as("%s -> %s flips authority without CUTOVER", from, to).isFalse();
      }
    }
  }

  @org.junit.jupiter.api.Test
  void theMigrationCanReachTheEndFromTheStart() {
    Phase phase = Phase.OFF;
    for (Phase next :
        new Phase[] {
          Phase.DUAL_WRITE, Phase.SHADOW, Phase.CUTOVER, Phase.TARGET_PRIMARY, Phase.TARGET_ONLY
        }) {
      phase.requireMoveTo(next, "orders");
      phase = next;
    }
    assertThat(phase.allowedNext()).isEmpty();
  }
}
