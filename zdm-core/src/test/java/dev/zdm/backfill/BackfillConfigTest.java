package dev.zdm.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.ZdmException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackfillConfigTest {

  @Test
  void badSettingsAreRefusedNamingThePropertyAndTheValue() {
    assertThatThrownBy(() -> BackfillConfig.builder().maxConcurrency(0).build())
        .isInstanceOf(ZdmException.class)
        .hasMessage("backfill.maxConcurrency must be between 1 and 64, was 0");
    assertThatThrownBy(() -> BackfillConfig.builder().chunkSize(5, 10, 100).build())
        .hasMessage("backfill.initialChunkSize must be between 10 and 100, was 5");
    assertThatThrownBy(() -> BackfillConfig.builder().rowsPerSecond(-1).build())
        .hasMessage("backfill.rowsPerSecond must be 0 (no limit) or a positive number, was -1.0");
    assertThatThrownBy(() -> BackfillConfig.builder().chunkTimeTarget(Duration.ZERO).build())
        .hasMessage("backfill.chunkTimeTarget must be a positive duration, was PT0S");
  }

  @Test
  void defaultsAreValid() {
    BackfillConfig config = BackfillConfig.defaults();
    assertThat(config.maxConcurrency()).isEqualTo(4);
    assertThat(config.chunkTimeTarget()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void chunkSizesMoveTowardTheTargetWithinBounds() {
    ChunkSizer sizer = new ChunkSizer(Duration.ofMillis(50), 100, 10, 1000);
    sizer.observe(100, Duration.ofMillis(10)); // 5x too fast: at most doubles
    assertThat(sizer.size()).isEqualTo(200);
    sizer.observe(200, Duration.ofMillis(400)); // 8x too slow: at most a quarter
    assertThat(sizer.size()).isEqualTo(50);
    for (int i = 0; i < 20; i++) {
      sizer.observe(sizer.size(), Duration.ofMillis(sizer.size() / 10)); // 0.1 ms per row
    }
    assertThat(sizer.size()).isEqualTo(400); // 0.8 x 50 ms / 0.1 ms
  }

  @Test
  void oneFastChunkDoesNotMakeTheNextOneOvershoot() {
    ChunkSizer sizer = new ChunkSizer(Duration.ofMillis(50), 400, 10, 10_000);
    sizer.observe(400, Duration.ofMillis(40)); // 0.1 ms per row: 0.8 x 50 ms is 400 rows
    assertThat(sizer.size()).isEqualTo(400);
    sizer.observe(400, Duration.ofMillis(10)); // one chunk 4x as fast, as on a machine gone idle
    assertThat(sizer.size()).isEqualTo(400); // sized by the slower of the last two
    sizer.observe(400, Duration.ofMillis(10)); // fast twice: now it grows, at most twofold
    assertThat(sizer.size()).isEqualTo(800);
  }
}
