package dev.zdm.jdbc.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.Phase;
import dev.zdm.control.PhaseState;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.StringLength;

/** The canary's choice of side depends only on the key and the percentage, and only grows. */
class StableRoutingProperties {

  private static ReadCanary canary(double percentage) {
    return ReadCanary.builder("orders")
        .percentage(percentage)
        .lagProbe(() -> Duration.ZERO)
        .build();
  }

  @Property(tries = 200)
  void raisingThePercentageOnlyMovesKeysFromSourceToTarget(
      @ForAll @StringLength(max = 40) String key,
      @ForAll @DoubleRange(min = 0, max = 100) double lower,
      @ForAll @DoubleRange(min = 0, max = 100) double higher) {
    double low = Math.min(lower, higher);
    double high = Math.max(lower, higher);
    try (ReadCanary atLow = canary(low);
        ReadCanary atHigh = canary(high);
        ReadCanary again = canary(low)) {
      if (atLow.selects(key)) {
        assertThat(atHigh.selects(key)).isTrue();
      }
      assertThat(again.selects(key)).as("a new canary, same choice").isEqualTo(atLow.selects(key));
    }
  }

  @Property(tries = 50)
  void noShareMeansNoTargetAndFullShareMeansAllTarget(@ForAll String key) {
    try (ReadCanary none = canary(0);
        ReadCanary all = canary(100)) {
      assertThat(none.selects(key)).isFalse();
      assertThat(all.selects(key)).isTrue();
    }
  }

  @Property(tries = 50)
  void writesAndOtherPhasesFollowAuthority(@ForAll String key) {
    try (ReadCanary all = canary(100);
        RouteScope scope = RouteScope.open(key)) {
      PhaseState shadow = new PhaseState("orders", Phase.SHADOW, 2);
      assertThat(all.route(shadow, false)).isEqualTo(Phase.Side.SOURCE);
      assertThat(all.route(new PhaseState("orders", Phase.DUAL_WRITE, 1), true))
          .isEqualTo(Phase.Side.SOURCE);
      assertThat(all.route(new PhaseState("orders", Phase.TARGET_PRIMARY, 4), true))
          .isEqualTo(Phase.Side.TARGET);
    }
  }

  @Property(tries = 20)
  void inDualWriteOnlyWhenEnabled(@ForAll String key) {
    PhaseState dualWrite = new PhaseState("orders", Phase.DUAL_WRITE, 1);
    try (ReadCanary all =
            ReadCanary.builder("orders")
                .percentage(100)
                .inDualWrite(true)
                .lagProbe(() -> Duration.ZERO)
                .build();
        RouteScope scope = RouteScope.open(key)) {
      org.awaitility.Awaitility.await().until(() -> !all.guardHolds());
      assertThat(all.route(dualWrite, true)).isEqualTo(Phase.Side.TARGET);
      assertThat(all.route(dualWrite, false)).isEqualTo(Phase.Side.SOURCE);
    }
  }
}
