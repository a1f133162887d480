package dev.zdm.spring.boot;

import java.time.Duration;

/**
 * The guards that advance, cutover and rollback check, and the bounds of the fenced switch.
 *
 * <p>Part of {@link ZdmProperties}; bound once at start.
 */
public class GuardProperties {

  /**
   * Most relay lag (age of the oldest pending change) allowed to advance to SHADOW or to switch
   * authority.
   */
  private Duration maxLag = Duration.ofSeconds(5);

  /** How recent the last clean verification must be to switch authority. */
  private Duration maxVerificationAge = Duration.ofHours(1);

  /**
   * How long a switch waits for in-flight write transactions before it gives up and leaves the
   * phase unchanged.
   */
  private Duration fenceTimeout = Duration.ofSeconds(5);

  /**
   * How long a switch waits for the outbox to drain before it gives up and leaves the phase
   * unchanged.
   */
  private Duration drainTimeout = Duration.ofSeconds(30);

  public Duration getMaxLag() {
    return maxLag;
  }

  public void setMaxLag(Duration maxLag) {
    this.maxLag = maxLag;
  }

  public Duration getMaxVerificationAge() {
    return maxVerificationAge;
  }

  public void setMaxVerificationAge(Duration maxVerificationAge) {
    this.maxVerificationAge = maxVerificationAge;
  }

  public Duration getFenceTimeout() {
    return fenceTimeout;
  }

  public void setFenceTimeout(Duration fenceTimeout) {
    this.fenceTimeout = fenceTimeout;
  }

  public Duration getDrainTimeout() {
    return drainTimeout;
  }

  public void setDrainTimeout(Duration drainTimeout) {
    this.drainTimeout = drainTimeout;
  }
}
