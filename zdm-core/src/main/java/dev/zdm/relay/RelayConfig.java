package dev.zdm.relay;

import dev.zdm.ZdmException;
import java.time.Duration;

/**
 * How the relay works: partitions, batches, leases, polling, retries and the circuit breaker.
 * Immutable; built and validated by {@link #builder()}.
 */
public final class RelayConfig {

  private final int partitions;
  private final int batchSize;
  private final int workers;
  private final Duration leaseTtl;
  private final Duration leaseRenewInterval;
  private final Duration pollMin;
  private final Duration pollMax;
  private final int retryAttempts;
  private final Duration retryInitialInterval;
  private final double retryMultiplier;
  private final Duration retryMaxInterval;
  private final float breakerFailureRate;
  private final int breakerMinimumCalls;
  private final Duration breakerOpenWait;
  private final Duration statsInterval;

  private RelayConfig(Builder b) {
    this.partitions = b.partitions;
    this.batchSize = b.batchSize;
    this.workers = b.workers;
    this.leaseTtl = b.leaseTtl;
    this.leaseRenewInterval = b.leaseRenewInterval;
    this.pollMin = b.pollMin;
    this.pollMax = b.pollMax;
    this.retryAttempts = b.retryAttempts;
    this.retryInitialInterval = b.retryInitialInterval;
    this.retryMultiplier = b.retryMultiplier;
    this.retryMaxInterval = b.retryMaxInterval;
    this.breakerFailureRate = b.breakerFailureRate;
    this.breakerMinimumCalls = b.breakerMinimumCalls;
    this.breakerOpenWait = b.breakerOpenWait;
    this.statsInterval = b.statsInterval;
  }

  /**
   * Starts a builder with the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the defaults.
   *
   * @return the default configuration
   */
  public static RelayConfig defaults() {
    return builder().build();
  }

  /** Returns the number of partitions keys hash into; must match the capture's. */
  public int partitions() {
    return partitions;
  }

  /** Returns the most changes claimed per batch. */
  public int batchSize() {
    return batchSize;
  }

  /** Returns the number of worker threads in this process. */
  public int workers() {
    return workers;
  }

  /** Returns how long a partition lease lasts unless renewed. */
  public Duration leaseTtl() {
    return leaseTtl;
  }

  /** Returns how often leases are renewed and rebalanced. */
  public Duration leaseRenewInterval() {
    return leaseRenewInterval;
  }

  /** Returns the shortest wait between polls of an outbox that had work. */
  public Duration pollMin() {
    return pollMin;
  }

  /** Returns the longest wait between polls of an idle outbox. */
  public Duration pollMax() {
    return pollMax;
  }

  /** Returns how many times a batch is tried before its rows are isolated. */
  public int retryAttempts() {
    return retryAttempts;
  }

  /** Returns the first retry interval; later ones grow exponentially, with jitter. */
  public Duration retryInitialInterval() {
    return retryInitialInterval;
  }

  /** Returns the growth factor of retry intervals. */
  public double retryMultiplier() {
    return retryMultiplier;
  }

  /** Returns the cap on one retry interval. */
  public Duration retryMaxInterval() {
    return retryMaxInterval;
  }

  /** Returns the failure rate, in percent, at which the breaker opens. */
  public float breakerFailureRate() {
    return breakerFailureRate;
  }

  /** Returns how many calls the breaker needs before it judges the failure rate. */
  public int breakerMinimumCalls() {
    return breakerMinimumCalls;
  }

  /** Returns how long the breaker stays open before it lets a trial call through. */
  public Duration breakerOpenWait() {
    return breakerOpenWait;
  }

  /** Returns how often the backlog (depth and lag) is measured. */
  public Duration statsInterval() {
    return statsInterval;
  }

  /**
   * Builds a {@link RelayConfig}; every setting is checked in {@link #build()}. Not thread-safe.
   */
  public static final class Builder {
    private int partitions = 16;
    private int batchSize = 500;
    private int workers = 1;
    private Duration leaseTtl = Duration.ofSeconds(10);
    private Duration leaseRenewInterval = Duration.ofSeconds(3);
    private Duration pollMin = Duration.ofMillis(2);
    private Duration pollMax = Duration.ofMillis(250);
    private int retryAttempts = 4;
    private Duration retryInitialInterval = Duration.ofMillis(50);
    private double retryMultiplier = 2.0;
    private Duration retryMaxInterval = Duration.ofSeconds(2);
    private float breakerFailureRate = 50f;
    private int breakerMinimumCalls = 4;
    private Duration breakerOpenWait = Duration.ofSeconds(2);
    private Duration statsInterval = Duration.ofSeconds(1);

    private Builder() {}

    /** Sets the partition count (1 to 1024, default 16); it must equal the capture's. */
    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    /** Sets the most changes per batch (1 to 100,000, default 500). */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** Sets the worker threads in this process (1 to 64, default 1). */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /** Sets the lease time-to-live (default 10 s) and renews at a third of it. */
    public Builder leaseTtl(Duration leaseTtl) {
      this.leaseTtl = leaseTtl;
      this.leaseRenewInterval = leaseTtl == null ? null : leaseTtl.dividedBy(3);
      return this;
    }

    /** Sets the shortest and longest wait between polls (defaults 2 ms and 250 ms). */
    public Builder polling(Duration min, Duration max) {
      this.pollMin = min;
      this.pollMax = max;
      return this;
    }

    /** Sets the attempts per batch (1 to 20, default 4) and the first retry interval (50 ms). */
    public Builder retry(int attempts, Duration initialInterval) {
      this.retryAttempts = attempts;
      this.retryInitialInterval = initialInterval;
      return this;
    }

    /** Sets how long the breaker stays open before a trial call (default 2 s). */
    public Builder breakerOpenWait(Duration wait) {
      this.breakerOpenWait = wait;
      return this;
    }

    /** Sets how often depth and lag are measured (default 1 s). */
    public Builder statsInterval(Duration interval) {
      this.statsInterval = interval;
      return this;
    }

    /**
     * Checks every setting and builds the configuration.
     *
     * @return the configuration
     * @throws ZdmException naming the setting and its bad value
     */
    public RelayConfig build() {
      range("relay.partitions", partitions, 1, 1024);
      range("relay.batchSize", batchSize, 1, 100_000);
      range("relay.workers", workers, 1, 64);
      range("relay.retryAttempts", retryAttempts, 1, 20);
      positive("relay.leaseTtl", leaseTtl);
      positive("relay.pollMin", pollMin);
      positive("relay.pollMax", pollMax);
      positive("relay.retryInitialInterval", retryInitialInterval);
      positive("relay.breakerOpenWait", breakerOpenWait);
      positive("relay.statsInterval", statsInterval);
      if (pollMax.compareTo(pollMin) < 0) {
        throw new ZdmException(
            "relay.pollMax must be >= relay.pollMin (" + pollMin + "), was " + pollMax);
      }
      if (leaseTtl.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new ZdmException("relay.leaseTtl must be at least 1 s, was " + leaseTtl);
      }
      return new RelayConfig(this);
    }

    private static void range(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new ZdmException(name + " must be between " + min + " and " + max + ", was " + value);
      }
    }

    private static void positive(String name, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new ZdmException(name + " must be a positive duration, was " + value);
      }
    }
  }
}
