package dev.zdm.backfill;

import dev.zdm.ZdmException;
import java.time.Duration;

/**
 * How a backfill runs: how many chunks at once, how big they are and how long each may hold its
 * source locks, how fast rows may be copied, how ranges are leased and how often progress is
 * logged. Immutable; built and validated by {@link #builder()}. What changes at runtime (pause,
 * resume, the rate limit) goes through {@link BackfillScheduler}.
 */
public final class BackfillConfig {

  private final int maxConcurrency;
  private final int rangesPerTable;
  private final int initialChunkSize;
  private final int minChunkSize;
  private final int maxChunkSize;
  private final Duration chunkTimeTarget;
  private final double rowsPerSecond;
  private final Duration leaseTtl;
  private final Duration probeInterval;
  private final Duration progressLogInterval;
  private final int retryAttempts;

  private BackfillConfig(Builder b) {
    this.maxConcurrency = b.maxConcurrency;
    this.rangesPerTable = b.rangesPerTable;
    this.initialChunkSize = b.initialChunkSize;
    this.minChunkSize = b.minChunkSize;
    this.maxChunkSize = b.maxChunkSize;
    this.chunkTimeTarget = b.chunkTimeTarget;
    this.rowsPerSecond = b.rowsPerSecond;
    this.leaseTtl = b.leaseTtl;
    this.probeInterval = b.probeInterval;
    this.progressLogInterval = b.progressLogInterval;
    this.retryAttempts = b.retryAttempts;
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
  public static BackfillConfig defaults() {
    return builder().build();
  }

  /** Returns the most chunks this process copies at once, over all tables. */
  public int maxConcurrency() {
    return maxConcurrency;
  }

  /** Returns how many key ranges a table is split into when its backfill is planned. */
  public int rangesPerTable() {
    return rangesPerTable;
  }

  /** Returns the rows of a range's first chunk; later chunks adapt to the chunk-time target. */
  public int initialChunkSize() {
    return initialChunkSize;
  }

  /** Returns the fewest rows a chunk asks for. */
  public int minChunkSize() {
    return minChunkSize;
  }

  /** Returns the most rows a chunk asks for; it bounds the memory one chunk holds. */
  public int maxChunkSize() {
    return maxChunkSize;
  }

  /** Returns how long a chunk should hold its source locks; chunk sizes adapt toward it. */
  public Duration chunkTimeTarget() {
    return chunkTimeTarget;
  }

  /** Returns the starting rate limit in rows per second over all chunks; 0 for none. */
  public double rowsPerSecond() {
    return rowsPerSecond;
  }

  /** Returns how long a range lease lasts unless renewed (renewed at a third of it). */
  public Duration leaseTtl() {
    return leaseTtl;
  }

  /** Returns how often back-off probes are asked while they are over their limits. */
  public Duration probeInterval() {
    return probeInterval;
  }

  /** Returns how often a progress line is logged. */
  public Duration progressLogInterval() {
    return progressLogInterval;
  }

  /** Returns how many times a failing chunk is tried before the backfill stops with its error. */
  public int retryAttempts() {
    return retryAttempts;
  }

  /** Builds a {@link BackfillConfig}; every setting is checked in {@link #build()}. */
  public static final class Builder {
    private int maxConcurrency = 4;
    private int rangesPerTable = 16;
    private int initialChunkSize = 1000;
    private int minChunkSize = 10;
    private int maxChunkSize = 20_000;
    private Duration chunkTimeTarget = Duration.ofMillis(200);
    private double rowsPerSecond = 0;
    private Duration leaseTtl = Duration.ofSeconds(30);
    private Duration probeInterval = Duration.ofSeconds(1);
    private Duration progressLogInterval = Duration.ofSeconds(10);
    private int retryAttempts = 5;

    private Builder() {}

    /** Sets the most chunks in flight in this process (1 to 64, default 4). */
    public Builder maxConcurrency(int maxConcurrency) {
      this.maxConcurrency = maxConcurrency;
      return this;
    }

    /** Sets the key ranges per table (1 to 10,000, default 16). */
    public Builder rangesPerTable(int rangesPerTable) {
      this.rangesPerTable = rangesPerTable;
      return this;
    }

    /**
     * Sets the chunk sizes: the first chunk's rows and the bounds adaptation keeps to (defaults
     * 1000, 10 and 20,000).
     */
    public Builder chunkSize(int initial, int min, int max) {
      this.initialChunkSize = initial;
      this.minChunkSize = min;
      this.maxChunkSize = max;
      return this;
    }

    /** Sets how long a chunk should hold its source locks (1 ms to 1 min, default 200 ms). */
    public Builder chunkTimeTarget(Duration target) {
      this.chunkTimeTarget = target;
      return this;
    }

    /** Sets the rate limit in rows per second over all of this process's chunks; 0 for none. */
    public Builder rowsPerSecond(double rowsPerSecond) {
      this.rowsPerSecond = rowsPerSecond;
      return this;
    }

    /** Sets how long a range lease lasts unless renewed (at least 1 s, default 30 s). */
    public Builder leaseTtl(Duration leaseTtl) {
      this.leaseTtl = leaseTtl;
      return this;
    }

    /** Sets how often back-off probes are asked while over their limits (default 1 s). */
    public Builder probeInterval(Duration interval) {
      this.probeInterval = interval;
      return this;
    }

    /** Sets how often a progress line is logged (default 10 s). */
    public Builder progressLogInterval(Duration interval) {
      this.progressLogInterval = interval;
      return this;
    }

    /** Sets the attempts per chunk (1 to 20, default 5). */
    public Builder retryAttempts(int attempts) {
      this.retryAttempts = attempts;
      return this;
    }

    /**
     * Checks every setting and builds the configuration.
     *
     * @return the configuration
     * @throws ZdmException naming the setting and its bad value
     */
    public BackfillConfig build() {
      range("backfill.maxConcurrency", maxConcurrency, 1, 64);
      range("backfill.rangesPerTable", rangesPerTable, 1, 10_000);
      range("backfill.minChunkSize", minChunkSize, 1, 100_000);
      range("backfill.maxChunkSize", maxChunkSize, minChunkSize, 100_000);
      range("backfill.initialChunkSize", initialChunkSize, minChunkSize, maxChunkSize);
      range("backfill.retryAttempts", retryAttempts, 1, 20);
      positive("backfill.chunkTimeTarget", chunkTimeTarget);
      positive("backfill.leaseTtl", leaseTtl);
      positive("backfill.probeInterval", probeInterval);
      positive("backfill.progressLogInterval", progressLogInterval);
      if (chunkTimeTarget.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new ZdmException(
            "backfill.chunkTimeTarget must be at most 1 min, was " + chunkTimeTarget);
      }
      if (leaseTtl.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new ZdmException("backfill.leaseTtl must be at least 1 s, was " + leaseTtl);
      }
      if (!(rowsPerSecond >= 0) || Double.isInfinite(rowsPerSecond)) {
        throw new ZdmException(
            "backfill.rowsPerSecond must be 0 (no limit) or a positive number, was "
                + rowsPerSecond);
      }
      return new BackfillConfig(this);
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
