package dev.zdm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.backfill.BackfillConfig;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import dev.zdm.jdbc.rollback.RollbackPolicy;
import dev.zdm.jdbc.shadow.ShadowReads;
import dev.zdm.relay.RelayConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The properties' defaults are the library builders' defaults, so that an application that sets
 * nothing gets what the programmatic API gives, and docs/spring-boot.md tells the truth.
 */
class ZdmPropertiesDefaultsTest {

  @Test
  void relayDefaultsAreRelayConfigs() {
    RelayProperties p = new RelayProperties();
    RelayConfig c = RelayConfig.defaults();
    assertThat(p.getPartitions()).isEqualTo(c.partitions());
    assertThat(p.getWorkers()).isEqualTo(c.workers());
    assertThat(p.getBatchSize()).isEqualTo(c.batchSize());
    assertThat(p.getPollMin()).isEqualTo(c.pollMin());
    assertThat(p.getPollMax()).isEqualTo(c.pollMax());
    assertThat(p.getLeaseTtl()).isEqualTo(c.leaseTtl());
    assertThat(p.getRetryAttempts()).isEqualTo(c.retryAttempts());
    assertThat(p.getRetryInitialInterval()).isEqualTo(c.retryInitialInterval());
    assertThat(p.getBreakerOpenWait()).isEqualTo(c.breakerOpenWait());
  }

  @Test
  void backfillDefaultsAreBackfillConfigs() {
    BackfillProperties p = new BackfillProperties();
    BackfillConfig c = BackfillConfig.defaults();
    assertThat(p.getMaxConcurrency()).isEqualTo(c.maxConcurrency());
    assertThat(p.getRangesPerTable()).isEqualTo(c.rangesPerTable());
    assertThat(p.getInitialChunkSize()).isEqualTo(c.initialChunkSize());
    assertThat(p.getMinChunkSize()).isEqualTo(c.minChunkSize());
    assertThat(p.getMaxChunkSize()).isEqualTo(c.maxChunkSize());
    assertThat(p.getChunkTimeTarget()).isEqualTo(c.chunkTimeTarget());
    assertThat(p.getRowsPerSecond()).isEqualTo(c.rowsPerSecond());
    assertThat(p.isPostgresCopy()).isTrue();
  }

  @Test
  void phaseDefaultsAreTheDataSources() {
    PhaseProperties p = new PhaseProperties();
    assertThat(p.getRefresh()).isEqualTo(DualWriteDataSource.DEFAULT_PHASE_REFRESH);
    assertThat(p.getCutoverWait()).isEqualTo(DualWriteDataSource.DEFAULT_CUTOVER_WAIT);
  }

  @Test
  void instrumentsAreOffAndShadowReadsDefaultsAreTheLibrarys() {
    ZdmProperties p = new ZdmProperties();
    assertThat(p.getShadowReads().isEnabled()).isFalse();
    assertThat(p.getCanary().isEnabled()).isFalse();
    assertThat(p.getAutoRollback().isEnabled()).isFalse();
    assertThat(p.getShadowReads().getTimeLimit()).isEqualTo(ShadowReads.DEFAULT_TIME_LIMIT);
    assertThat(p.getShadowReads().getRecheckDelay()).isEqualTo(ShadowReads.DEFAULT_RECHECK_DELAY);
    assertThat(p.getShadowReads().isIncludeValues()).isFalse();
    assertThat(p.getShadowReads().getDrainOnClose()).isEqualTo(ShadowReads.DEFAULT_DRAIN_ON_CLOSE);
  }

  @Test
  void autoRollbackIgnoresTheLibrarysSqlStatesAndAnEmptyValueIgnoresNone() {
    assertThat(new AutoRollbackProperties().getIgnoredSqlStates())
        .isEqualTo(RollbackPolicy.DEFAULT_IGNORED_SQL_STATES);
    assertThat(bind(Map.of("zdm.auto-rollback.ignored-sql-states", "23,40001")))
        .containsExactly("23", "40001");
    assertThat(bind(Map.of("zdm.auto-rollback.ignored-sql-states", ""))).isEmpty();
    assertThat(bind(Map.of("zdm.auto-rollback.enabled", "true"))).containsExactly("23");
  }

  private static List<String> bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("zdm", ZdmProperties.class)
        .getAutoRollback()
        .getIgnoredSqlStates();
  }
}
