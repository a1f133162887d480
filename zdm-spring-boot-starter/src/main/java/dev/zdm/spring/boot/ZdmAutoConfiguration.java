package dev.zdm.spring.boot;

import com.zaxxer.hikari.HikariDataSource;
import dev.zdm.ZdmException;
import dev.zdm.jdbc.canary.ReadCanary;
import dev.zdm.jdbc.control.MigrationControl;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import dev.zdm.jdbc.datasource.DualWriteListener;
import dev.zdm.jdbc.datasource.StatementObserver;
import dev.zdm.jdbc.rollback.RollbackPolicy;
import dev.zdm.jdbc.schema.ZdmTables;
import dev.zdm.jdbc.shadow.ShadowReads;
import dev.zdm.relay.RelayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Auto-configuration of a zdm migration in a Spring Boot application: the application's own data
 * source becomes the migration's source and the primary {@code DataSource} bean becomes a {@link
 * DualWriteDataSource} over it and the target; the migration's control, relays, backfill and
 * verifier run in the application; shadow reads, the read canary and the automatic rollback policy
 * when their {@code enabled} property is true. Ordered after the DataSource auto-configuration;
 * backs off without a {@code DataSource} bean and when {@code zdm.enabled=false}. Every bean can be
 * replaced by the application's own.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(DualWriteDataSource.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(
    prefix = "zdm",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(ZdmProperties.class)
public final class ZdmAutoConfiguration {

  /** The bean name of the primary, routed data source. */
  public static final String DATA_SOURCE_BEAN = "zdmDataSource";

  /** The bean name of the target pool built from {@code zdm.target.*}. */
  public static final String TARGET_BEAN = "zdmTargetDataSource";

  @Bean(name = TARGET_BEAN, defaultCandidate = false)
  @ZdmTargetDataSource
  @Conditional(NoTargetDataSourceBean.class)
  HikariDataSource zdmTargetDataSource(ZdmProperties properties) {
    ZdmProperties.Target target = properties.getTarget();
    if (target.getUrl() == null || target.getUrl().isBlank()) {
      throw new ZdmException(
          properties.getMigration()
              + ": no target database; set zdm.target.url (and username, password) or declare"
              + " a DataSource bean marked @ZdmTargetDataSource");
    }
    ZdmProperties.Hikari hikari = target.getHikari();
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(target.getUrl());
    pool.setUsername(target.getUsername());
    pool.setPassword(target.getPassword());
    if (target.getDriverClassName() != null) {
      pool.setDriverClassName(target.getDriverClassName());
    }
    pool.setPoolName(hikari.getPoolName());
    pool.setMaximumPoolSize(hikari.getMaximumPoolSize());
    if (hikari.getMinimumIdle() >= 0) {
      pool.setMinimumIdle(hikari.getMinimumIdle());
    }
    pool.setConnectionTimeout(hikari.getConnectionTimeout().toMillis());
    pool.setIdleTimeout(hikari.getIdleTimeout().toMillis());
    pool.setMaxLifetime(hikari.getMaxLifetime().toMillis());
    return pool;
  }

  @Bean
  @ConditionalOnMissingBean
  ZdmDataSources zdmDataSources(
      ConfigurableListableBeanFactory beanFactory,
      @ZdmTargetDataSource ObjectProvider<DataSource> target,
      ZdmProperties properties) {
    return new ZdmDataSources(
        SourceDataSource.find(beanFactory, properties.getMigration()), target.getObject());
  }

  @Bean
  @ConditionalOnMissingBean
  ZdmMappings zdmMappings(ZdmProperties properties) {
    return ZdmMappings.from(properties);
  }

  @Bean
  @ConditionalOnMissingBean
  MigrationControl zdmMigrationControl(
      ZdmProperties properties,
      ZdmDataSources dataSources,
      ZdmMappings mappings,
      ObjectProvider<MeterRegistry> registry,
      ObjectProvider<ZdmControlCustomizer> customizers) {
    GuardProperties guards = properties.getGuards();
    MigrationControl.Builder builder =
        MigrationControl.builder(requireName(properties))
            .source(dataSources.source())
            .target(dataSources.target())
            .tablePrefix(properties.getTablePrefix())
            .zdmSchema(properties.getZdmSchema())
            .partitions(properties.getRelay().getPartitions())
            .maxLag(guards.getMaxLag())
            .maxVerificationAge(guards.getMaxVerificationAge())
            .fenceTimeout(guards.getFenceTimeout())
            .drainTimeout(guards.getDrainTimeout())
            .meterRegistry(registry(registry));
    mappings.tables().forEach(builder::table);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    MigrationControl control = builder.build();
    if (properties.isInstallOnStartup()) {
      control.install();
    }
    return control;
  }

  @Bean(name = DATA_SOURCE_BEAN)
  @Primary
  @ConditionalOnMissingBean(DualWriteDataSource.class)
  DualWriteDataSource zdmDataSource(
      ZdmProperties properties,
      ZdmDataSources dataSources,
      MigrationControl control,
      ObjectProvider<MeterRegistry> registry,
      ObjectProvider<ShadowReads> shadowReads,
      ObjectProvider<ReadCanary> canary,
      ObjectProvider<StatementObserver> observers,
      ObjectProvider<ZdmDataSourceCustomizer> customizers) {
    DualWriteDataSource.Builder builder =
        DualWriteDataSource.builder(control.migration())
            .source(dataSources.source())
            .target(dataSources.target())
            .phaseReader(control.phaseReader())
            .phaseRefresh(properties.getPhase().getRefresh())
            .cutoverWait(properties.getPhase().getCutoverWait())
            .listener(DualWriteListener.countingRefusals(control::recordFenceRefusal))
            .meterRegistry(registry(registry));
    shadowReads.ifAvailable(builder::shadowReads);
    canary.ifAvailable(builder::readCanary);
    observers.orderedStream().forEach(builder::statementObserver);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "zdm.shadow-reads", name = "enabled", havingValue = "true")
  ShadowReads zdmShadowReads(ZdmProperties properties) {
    return ZdmInstrumentSettings.shadowReads(requireName(properties), properties.getShadowReads());
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "zdm.canary", name = "enabled", havingValue = "true")
  ReadCanary zdmReadCanary(
      ZdmProperties properties,
      MigrationControl control,
      ZdmDataSources dataSources,
      ObjectProvider<MeterRegistry> registry) {
    return ZdmInstrumentSettings.canary(
        control,
        properties.getCanary(),
        dataSources.source(),
        ZdmTables.of(properties.getTablePrefix(), properties.getZdmSchema()),
        registry(registry));
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "zdm.auto-rollback", name = "enabled", havingValue = "true")
  RollbackPolicy zdmRollbackPolicy(ZdmProperties properties, MigrationControl control) {
    return ZdmInstrumentSettings.rollbackPolicy(control, properties.getAutoRollback());
  }

  @Bean
  @ConditionalOnMissingBean
  ZdmInstruments zdmInstruments(
      MigrationControl control,
      DualWriteDataSource dataSource,
      ObjectProvider<ReadCanary> canary,
      ObjectProvider<RollbackPolicy> rollbackPolicy) {
    return new ZdmInstruments(
        control, dataSource, canary.getIfAvailable(), rollbackPolicy.getIfAvailable());
  }

  @Bean
  @ConditionalOnMissingBean
  ZdmRelays zdmRelays(
      ZdmProperties properties, MigrationControl control, ZdmDataSources dataSources) {
    RelayProperties r = properties.getRelay();
    RelayConfig config =
        RelayConfig.builder()
            .partitions(r.getPartitions())
            .workers(r.getWorkers())
            .batchSize(r.getBatchSize())
            .polling(r.getPollMin(), r.getPollMax())
            .leaseTtl(r.getLeaseTtl())
            .retry(r.getRetryAttempts(), r.getRetryInitialInterval())
            .breakerOpenWait(r.getBreakerOpenWait())
            .build();
    return new ZdmRelays(
        control,
        config,
        r.isEnabled(),
        dataSources,
        ZdmTables.of(properties.getTablePrefix(), properties.getZdmSchema()));
  }

  @Bean
  @ConditionalOnMissingBean
  ZdmBackfillRunner zdmBackfillRunner(
      ZdmProperties properties,
      MigrationControl control,
      ZdmDataSources dataSources,
      ZdmMappings mappings,
      ZdmRelays relays,
      ObjectProvider<MeterRegistry> registry,
      ObjectProvider<ZdmBackfillCustomizer> customizers) {
    return new ZdmBackfillRunner(
        control,
        dataSources,
        mappings,
        properties,
        relays,
        registry(registry),
        customizers.orderedStream().toList());
  }

  @Bean
  @ConditionalOnMissingBean
  ZdmVerifier zdmVerifier(
      ZdmProperties properties,
      MigrationControl control,
      ZdmDataSources dataSources,
      ZdmMappings mappings,
      ObjectProvider<MeterRegistry> registry) {
    return new ZdmVerifier(control, dataSources, mappings, properties, registry(registry));
  }

  @Bean
  @ConditionalOnMissingBean
  ZdmMigration zdmMigration(
      ZdmProperties properties,
      MigrationControl control,
      ZdmRelays relays,
      ZdmBackfillRunner backfill,
      ZdmVerifier verifier) {
    return new ZdmMigration(
        control, relays, backfill, verifier, properties.getBackfill().isAutoStart());
  }

  /** The read canary's routing key from a request header, in servlet applications. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Filter.class)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnProperty(prefix = "zdm.canary", name = "route-key-header")
  static final class RouteKeyFilterConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ZdmRouteKeyFilter zdmRouteKeyFilter(ZdmProperties properties, DualWriteDataSource dataSource) {
      String header = properties.getCanary().getRouteKeyHeader().strip();
      if (header.isEmpty()) {
        throw new ZdmException(
            properties.getMigration()
                + ": zdm.canary.route-key-header is empty; name the request header that carries"
                + " the routing key (for example X-User-Id) or remove the property");
      }
      return new ZdmRouteKeyFilter(dataSource, header);
    }
  }

  private static MeterRegistry registry(ObjectProvider<MeterRegistry> registry) {
    return registry.getIfAvailable(SimpleMeterRegistry::new);
  }

  private static String requireName(ZdmProperties properties) {
    if (properties.getMigration() == null || properties.getMigration().isBlank()) {
      throw new ZdmException(
          "zdm.migration is missing; name the migration (letters, digits, '-', '_'), for example"
              + " zdm.migration=orders-to-pg");
    }
    return properties.getMigration();
  }

  /** Finds the application's own data source among the DataSource beans. */
  static final class SourceDataSource {
    private SourceDataSource() {}

    static DataSource find(ConfigurableListableBeanFactory beanFactory, String migration) {
      List<String> candidates = new ArrayList<>();
      List<String> primary = new ArrayList<>();
      for (String name : beanFactory.getBeanNamesForType(DataSource.class, true, false)) {
        if (name.equals(DATA_SOURCE_BEAN)
            || beanFactory.findAnnotationOnBean(name, ZdmTargetDataSource.class) != null
            || isRouted(beanFactory.getType(name, false))) {
          continue;
        }
        candidates.add(name);
        if (beanFactory.containsBeanDefinition(name)
            && beanFactory.getBeanDefinition(name).isPrimary()) {
          primary.add(name);
        }
      }
      List<String> chosen = primary.size() == 1 ? primary : candidates;
      if (chosen.size() != 1) {
        throw new ZdmException(
            migration
                + ": cannot tell which DataSource bean is the migration's source among "
                + candidates
                + "; keep one application DataSource (mark the target @ZdmTargetDataSource)"
                + " or declare a ZdmDataSources bean");
      }
      return beanFactory.getBean(chosen.get(0), DataSource.class);
    }

    private static boolean isRouted(Class<?> type) {
      return type != null && DualWriteDataSource.class.isAssignableFrom(type);
    }
  }
}
