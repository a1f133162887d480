package dev.zdm.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The read canary: while the source is authoritative (SHADOW, and DUAL_WRITE when enabled), the
 * target serves the read-only transactions of a stable share of routing keys, unless the relay lags
 * (see {@code docs/canary-and-rollback.md}). The key comes from {@code
 * DualWriteDataSource.route(key)} (see {@code docs/spring-boot.md} for a servlet filter). Off
 * unless {@code zdm.canary.enabled=true}. The other defaults are {@link
 * dev.zdm.jdbc.canary.ReadCanary}'s.
 *
 * <p>Part of {@link ZdmProperties}; bound once at start.
 */
public class CanaryProperties {

  /** Whether to serve a share of read-only transactions from the target. */
  private boolean enabled = false;

  /**
   * Share of routing keys whose reads the target serves, 0 to 100 in steps of 0.01. Required when
   * the canary is enabled (0 with an allow-list serves only the listed keys).
   */
  private Double percentage;

  /** Routing keys whose reads the target always serves while the canary is active. */
  private List<String> allow = new ArrayList<>();

  /** Routing keys whose reads always stay on the source. */
  private List<String> deny = new ArrayList<>();

  /** Replication lag above which every read stays on the source. */
  private Duration maxLag = Duration.ofSeconds(1);

  /** How often the canary measures the lag (the age of the oldest change in the outbox). */
  private Duration lagRefresh = Duration.ofMillis(500);

  /**
   * Whether the canary also serves reads in DUAL_WRITE, where the target may still miss history.
   * Off: only in SHADOW.
   */
  private boolean inDualWrite = false;

  /**
   * Request header that carries the routing key (for example X-User-Id), read by a servlet filter
   * around each request of a servlet application; no filter when unset. A request without the
   * header has no key and reads the source.
   */
  private String routeKeyHeader;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Double getPercentage() {
    return percentage;
  }

  public void setPercentage(Double percentage) {
    this.percentage = percentage;
  }

  public List<String> getAllow() {
    return allow;
  }

  public void setAllow(List<String> allow) {
    this.allow = allow;
  }

  public List<String> getDeny() {
    return deny;
  }

  public void setDeny(List<String> deny) {
    this.deny = deny;
  }

  public Duration getMaxLag() {
    return maxLag;
  }

  public void setMaxLag(Duration maxLag) {
    this.maxLag = maxLag;
  }

  public Duration getLagRefresh() {
    return lagRefresh;
  }

  public void setLagRefresh(Duration lagRefresh) {
    this.lagRefresh = lagRefresh;
  }

  public boolean isInDualWrite() {
    return inDualWrite;
  }

  public void setInDualWrite(boolean inDualWrite) {
    this.inDualWrite = inDualWrite;
  }

  public String getRouteKeyHeader() {
    return routeKeyHeader;
  }

  public void setRouteKeyHeader(String routeKeyHeader) {
    this.routeKeyHeader = routeKeyHeader;
  }
}
