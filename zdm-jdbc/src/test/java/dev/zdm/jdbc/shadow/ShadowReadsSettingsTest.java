package dev.zdm.jdbc.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.ZdmException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every setting of {@link ShadowReads} is checked when set, with the property and the value. */
class ShadowReadsSettingsTest {

  @Test
  void badSettingsNameThePropertyAndTheValue() {
    ShadowReads.Builder builder = ShadowReads.builder();
    assertThatThrownBy(() -> builder.workers(0))
        .isInstanceOf(ZdmException.class)
        .hasMessage("shadowReads.workers must be between 1 and 64, was 0");
    assertThatThrownBy(() -> builder.samplePercent(101))
        .hasMessage("shadowReads.samplePercent must be between 0 and 100, was 101.0");
    assertThatThrownBy(() -> builder.sampleOneIn(0))
        .hasMessage("shadowReads.sampleOneIn must be >= 1, was 0");
    assertThatThrownBy(() -> builder.queueCapacity(0)).hasMessageContaining("queueCapacity");
    assertThatThrownBy(() -> builder.timeLimit(Duration.ZERO))
        .hasMessageContaining("shadowReads.timeLimit must be between PT0.001S and PT5M, was PT0S");
    assertThatThrownBy(() -> builder.recheckDelay(Duration.ofMillis(-1)))
        .hasMessageContaining("recheckDelay");
    assertThatThrownBy(() -> builder.rechecks(0)).hasMessageContaining("rechecks");
    assertThatThrownBy(() -> builder.maxRows(0)).hasMessageContaining("maxRows");
    assertThatThrownBy(() -> builder.drainOnClose(-1))
        .isInstanceOf(ZdmException.class)
        .hasMessage("shadowReads.drainOnClose must be between 0 and 1000000, was -1");
    assertThatThrownBy(() -> builder.drainOnClose(1_000_001))
        .hasMessage("shadowReads.drainOnClose must be between 0 and 1000000, was 1000001");
    assertThatThrownBy(() -> builder.sideEffectFunctions(" "))
        .hasMessageContaining("sideEffectFunctions");
    assertThatThrownBy(() -> builder.keyColumns("t")).hasMessageContaining("keyColumns");
    assertThatThrownBy(() -> builder.listener(null))
        .hasMessage("shadowReads.listener must not be null");
  }

  @Test
  void drainOnCloseDefaultsToAHundredRowsAndAcceptsZero() {
    assertThat(ShadowReads.builder().build().drainOnClose)
        .isEqualTo(ShadowReads.DEFAULT_DRAIN_ON_CLOSE)
        .isEqualTo(100);
    assertThat(ShadowReads.builder().drainOnClose(0).build().drainOnClose).isZero();
  }

  @Test
  void theSampleRateIsReportedInPercent() {
    assertThat(ShadowReads.builder().sampleOneIn(20).build().samplePercent()).isEqualTo(5.0);
    assertThat(ShadowReads.builder().samplePercent(12.5).build().samplePercent()).isEqualTo(12.5);
    assertThat(ShadowReads.builder().build().samplePercent()).isEqualTo(100.0);
  }
}
