package dev.zdm.spring.boot.actuate;

import dev.zdm.jdbc.rollback.RollbackPolicy;
import dev.zdm.spring.boot.ZdmAutoConfiguration;
import dev.zdm.spring.boot.ZdmDataSources;
import dev.zdm.spring.boot.ZdmMigration;
import dev.zdm.spring.boot.ZdmProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code zdm} health contributor, when Spring Boot's health support is on the class path and
 * {@code management.health.zdm.enabled} is not false.
 */
@AutoConfiguration(after = ZdmAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ZdmMigration.class)
@ConditionalOnEnabledHealthIndicator("zdm")
public final class ZdmHealthAutoConfiguration {

  @Bean(name = "zdmHealthIndicator")
  @ConditionalOnMissingBean(name = "zdmHealthIndicator")
  ZdmHealthIndicator zdmHealthIndicator(
      ZdmMigration migration,
      ZdmDataSources dataSources,
      ZdmProperties properties,
      ObjectProvider<RollbackPolicy> rollbackPolicy) {
    return new ZdmHealthIndicator(
        migration,
        dataSources,
        properties.getHealth().getLagThreshold(),
        properties.getHealth().getConnectTimeout(),
        rollbackPolicy.getIfAvailable());
  }
}
