package dev.zdm.spring.boot;

import java.time.Duration;

/**
 * The backfill: copies the rows that existed before capture started, in leased key ranges and
 * checkpointed chunks, while the relay carries new writes.
 *
 * <p>Part of {@link ZdmProperties}; bound once at start.
 */
public class BackfillProperties {

  /**
   * Whether the backfill starts by itself when the migration enters DUAL_WRITE (and on start-up
   * while the migration is in DUAL_WRITE or SHADOW). When false it starts through the endpoint.
   */
  private boolean autoStart = true;

  /** Most chunks copied at once by this instance. */
  private int maxConcurrency = 4;

  /** Key ranges each table is split into; ranges are leased, so instances share them. */
  private int rangesPerTable = 16;

  /** Rows in the first chunk; later chunks adapt to the chunk-time target. */
  private int initialChunkSize = 1000;

  /** Fewest rows in a chunk. */
  private int minChunkSize = 10;

  /** Most rows in a chunk. */
  private int maxChunkSize = 20000;

  /** How long a chunk should take; the source rows of a chunk stay share-locked for that long. */
  private Duration chunkTimeTarget = Duration.ofMillis(200);

  /** Rate limit in rows per second over this instance; 0 for no limit. */
  private double rowsPerSecond = 0;

  /** The backfill pauses while the forward relay lags more than this, so the relay keeps up. */
  private Duration maxRelayLag = Duration.ofSeconds(5);

  /**
   * Whether chunks between two PostgreSQL databases stream through binary COPY into a staging table
   * merged into the target (taken only where the table pair allows), rather than through batched
   * upserts.
   */
  private boolean postgresCopy = true;

  public boolean isAutoStart() {
    return autoStart;
  }

  public void setAutoStart(boolean autoStart) {
    this.autoStart = autoStart;
  }

  public int getMaxConcurrency() {
    return maxConcurrency;
  }

  public void setMaxConcurrency(int maxConcurrency) {
    this.maxConcurrency = maxConcurrency;
  }

  public int getRangesPerTable() {
    return rangesPerTable;
  }

  public void setRangesPerTable(int rangesPerTable) {
    this.rangesPerTable = rangesPerTable;
  }

  public int getInitialChunkSize() {
    return initialChunkSize;
  }

  public void setInitialChunkSize(int initialChunkSize) {
    this.initialChunkSize = initialChunkSize;
  }

  public int getMinChunkSize() {
    return minChunkSize;
  }

  public void setMinChunkSize(int minChunkSize) {
    this.minChunkSize = minChunkSize;
  }

  public int getMaxChunkSize() {
    return maxChunkSize;
  }

  public void setMaxChunkSize(int maxChunkSize) {
    this.maxChunkSize = maxChunkSize;
  }

  public Duration getChunkTimeTarget() {
    return chunkTimeTarget;
  }

  public void setChunkTimeTarget(Duration chunkTimeTarget) {
    this.chunkTimeTarget = chunkTimeTarget;
  }

  public double getRowsPerSecond() {
    return rowsPerSecond;
  }

  public void setRowsPerSecond(double rowsPerSecond) {
    this.rowsPerSecond = rowsPerSecond;
  }

  public Duration getMaxRelayLag() {
    return maxRelayLag;
  }

  public void setMaxRelayLag(Duration maxRelayLag) {
    this.maxRelayLag = maxRelayLag;
  }

  public boolean isPostgresCopy() {
    return postgresCopy;
  }

  public void setPostgresCopy(boolean postgresCopy) {
    this.postgresCopy = postgresCopy;
  }
}
