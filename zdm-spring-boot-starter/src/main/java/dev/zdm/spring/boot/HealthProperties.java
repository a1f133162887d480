package dev.zdm.spring.boot;

import java.time.Duration;

/**
 * When the health contributor reports LAGGING.
 *
 * <p>Part of {@link ZdmProperties}; bound once at start.
 */
public class HealthProperties {

  /**
   * Relay lag above which health says LAGGING (a custom status, HTTP 200 by default) rather than
   * UP.
   */
  private Duration lagThreshold = Duration.ofSeconds(5);

  /** How long a health check waits to validate a connection to either database. */
  private Duration connectTimeout = Duration.ofSeconds(2);

  public Duration getLagThreshold() {
    return lagThreshold;
  }

  public void setLagThreshold(Duration lagThreshold) {
    this.lagThreshold = lagThreshold;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }
}
