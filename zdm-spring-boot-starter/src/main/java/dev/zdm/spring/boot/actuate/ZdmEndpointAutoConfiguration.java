package dev.zdm.spring.boot.actuate;

import dev.zdm.spring.boot.ZdmAutoConfiguration;
import dev.zdm.spring.boot.ZdmMigration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code zdm} Actuator endpoint, when Actuator is on the class path and the endpoint is
 * available (exposed, for example {@code management.endpoints.web.exposure.include=health,zdm}).
 */
@AutoConfiguration(after = ZdmAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(ZdmMigration.class)
@ConditionalOnAvailableEndpoint(ZdmEndpoint.class)
public final class ZdmEndpointAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ZdmEndpoint zdmEndpoint(ZdmMigration migration) {
    return new ZdmEndpoint(migration);
  }
}
