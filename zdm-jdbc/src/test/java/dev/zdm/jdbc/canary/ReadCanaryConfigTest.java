package dev.zdm.jdbc.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.ZdmException;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad canary settings are refused at once, naming the setting, the value and the migration. */
class ReadCanaryConfigTest {

  @Test
  void outOfRangeSettingsNameThePropertyAndTheValue() {
    ReadCanary.Builder builder = ReadCanary.builder("orders");
    assertThatThrownBy(() -> builder.percentage(100.5))
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("readCanary.percentage")
        .hasMessageContaining("100.5")
        .hasMessageContaining("'orders'");
    assertThatThrownBy(() -> builder.lagRefresh(Duration.ofMillis(1)))
        .hasMessageContaining("readCanary.lagRefresh")
        .hasMessageContaining("PT0.001S");
    assertThatThrownBy(() -> builder.maxLag(Duration.ZERO))
        .hasMessageContaining("readCanary.maxLag");
  }

  @Test
  void missingSettingsAndContradictoryListsAreRefused() {
    assertThatThrownBy(() -> ReadCanary.builder("orders").lagProbe(() -> Duration.ZERO).build())
        .hasMessageContaining("readCanary.percentage must be set");
    assertThatThrownBy(() -> ReadCanary.builder("orders").percentage(5).build())
        .hasMessageContaining("readCanary.lagProbe must be set")
        .hasMessageContaining("LagProbe.outbox");
    assertThatThrownBy(
            () ->
                ReadCanary.builder("orders")
                    .percentage(5)
                    .lagProbe(() -> Duration.ZERO)
                    .allow(List.of("a", "b"))
                    .deny(List.of("b"))
                    .build())
        .hasMessageContaining("1 key(s)")
        .hasMessageContaining("both the allow-list and the deny-list");
  }

  @Test
  void aCanaryOfAnotherMigrationIsRefusedByTheDataSource() {
    try (ReadCanary canary =
        ReadCanary.builder("invoices").percentage(5).lagProbe(() -> Duration.ZERO).build()) {
      assertThatThrownBy(() -> DualWriteDataSource.builder("orders").readCanary(canary))
          .hasMessageContaining("belongs to migration 'invoices', not 'orders'");
    }
  }

  @Test
  void aFailingProbeHoldsReadsOnTheSourceAndIsReported() {
    try (ReadCanary canary =
        ReadCanary.builder("orders")
            .percentage(100)
            .lagRefresh(Duration.ofMillis(10))
            .lagProbe(
                () -> {
                  throw new IllegalStateException("outbox unreachable");
                })
            .build()) {
      org.awaitility.Awaitility.await()
          .until(() -> canary.report().figures().containsKey("lagError"));
      assertThat(canary.guardHolds()).isTrue();
      assertThat(canary.report().figures()).containsEntry("lagGuard", "holding");
      assertThat(canary.report().figures().get("lagError")).isEqualTo("outbox unreachable");
    }
  }
}
