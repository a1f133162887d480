package dev.zdm.spring.boot;

import java.time.Duration;

/**
 * The relays: forward (source to target) in DUAL_WRITE and SHADOW, reverse (target to source) in
 * TARGET_PRIMARY. Both run in every instance; partitions are leased, so instances share the work.
 *
 * <p>Part of {@link ZdmProperties}; bound once at start.
 */
public class RelayProperties {

  /**
   * Whether this instance runs the relays. Turn off in instances that should only serve traffic; at
   * least one instance must relay.
   */
  private boolean enabled = true;

  /**
   * Partitions of the outbox (hash of the key). Changes of one partition are applied in capture
   * order; keep 1 when tables reference each other and the target enforces the foreign keys. Fixed
   * for the life of the migration.
   */
  private int partitions = 16;

  /** Relay worker threads in this instance. */
  private int workers = 1;

  /** Most changes claimed and applied in one target transaction. */
  private int batchSize = 500;

  /** Shortest wait between polls of the outbox while changes keep coming. */
  private Duration pollMin = Duration.ofMillis(2);

  /** Longest wait between polls of an empty outbox. */
  private Duration pollMax = Duration.ofMillis(250);

  /**
   * How long a partition lease lasts without renewal; a dead instance's partitions are taken over
   * after this.
   */
  private Duration leaseTtl = Duration.ofSeconds(10);

  /**
   * Attempts per batch before it is split to isolate the failing key, which is parked as a dead
   * letter.
   */
  private int retryAttempts = 4;

  /** First wait between attempts; it grows exponentially with jitter. */
  private Duration retryInitialInterval = Duration.ofMillis(50);

  /**
   * How long the circuit breaker stays open (relay paused, outbox growing) after the target kept
   * failing.
   */
  private Duration breakerOpenWait = Duration.ofSeconds(2);

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public int getPartitions() {
    return partitions;
  }

  public void setPartitions(int partitions) {
    this.partitions = partitions;
  }

  public int getWorkers() {
    return workers;
  }

  public void setWorkers(int workers) {
    this.workers = workers;
  }

  public int getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = batchSize;
  }

  public Duration getPollMin() {
    return pollMin;
  }

  public void setPollMin(Duration pollMin) {
    this.pollMin = pollMin;
  }

  public Duration getPollMax() {
    return pollMax;
  }

  public void setPollMax(Duration pollMax) {
    this.pollMax = pollMax;
  }

  public Duration getLeaseTtl() {
    return leaseTtl;
  }

  public void setLeaseTtl(Duration leaseTtl) {
    this.leaseTtl = leaseTtl;
  }

  public int getRetryAttempts() {
    return retryAttempts;
  }

  public void setRetryAttempts(int retryAttempts) {
    this.retryAttempts = retryAttempts;
  }

  public Duration getRetryInitialInterval() {
    return retryInitialInterval;
  }

  public void setRetryInitialInterval(Duration retryInitialInterval) {
    this.retryInitialInterval = retryInitialInterval;
  }

  public Duration getBreakerOpenWait() {
    return breakerOpenWait;
  }

  public void setBreakerOpenWait(Duration breakerOpenWait) {
    this.breakerOpenWait = breakerOpenWait;
  }
}
