package dev.zdm.spring.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Registers zdm's health statuses with Actuator as defaults, at the lowest precedence: {@code
 * LAGGING} and {@code DEGRADED} answer HTTP 200 (the application serves; replication is behind or
 * paused) and rank between {@code DOWN}/{@code OUT_OF_SERVICE} and {@code UP}, so that a lagging
 * migration shows in the aggregate status without failing a load balancer's check. An application
 * that sets {@code management.endpoint.health.status.order} itself must list them there too.
 */
public final class ZdmHealthStatusDefaults implements EnvironmentPostProcessor {

  /** The name of the property source holding the defaults. */
  public static final String SOURCE = "zdmHealthStatusDefaults";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put(
        "management.endpoint.health.status.order",
        "DOWN,OUT_OF_SERVICE,DEGRADED,LAGGING,UP,UNKNOWN");
    defaults.put("management.endpoint.health.status.http-mapping.lagging", "200");
    defaults.put("management.endpoint.health.status.http-mapping.degraded", "200");
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
  }
}
