package dev.zdm.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shadow reads: in phase SHADOW, a sampled share of the application's plainly read-only statements
 * also runs on the target, off the application's thread, and the results are compared (see {@code
 * docs/shadow-reads.md}). Off unless {@code zdm.shadow-reads.enabled=true}. The other defaults are
 * {@link dev.zdm.jdbc.shadow.ShadowReads}'s.
 *
 * <p>Part of {@link ZdmProperties}; bound once at start.
 */
public class ShadowReadsProperties {

  /** Whether to shadow reads in phase SHADOW. */
  private boolean enabled = false;

  /**
   * Share of eligible reads shadowed, chosen at random, in percent from 0 to 100. Set this or
   * sample-one-in, not both; every read when neither is set.
   */
  private Double samplePercent;

  /**
   * Shadows exactly every n-th eligible read (1: every read). Set this or sample-percent, not both.
   */
  private Long sampleOneIn;

  /** Threads that run comparisons, 1 to 64; each holds at most two connections at a time. */
  private int workers = 1;

  /** Comparisons that may wait for a worker; a read sampled while it is full is skipped. */
  private int queueCapacity = 100;

  /**
   * Time limit of one comparison (and of each re-read) on its worker; the statement is cancelled.
   */
  private Duration timeLimit = Duration.ofSeconds(2);

  /** Wait before a difference is confirmed by reading both sides again; above the relay's lag. */
  private Duration recheckDelay = Duration.ofMillis(250);

  /** How many times a difference is re-read before it counts as a mismatch, 1 to 10. */
  private int rechecks = 2;

  /** Largest result compared, in rows; a larger one is skipped. */
  private int maxRows = 10_000;

  /**
   * Most rows zdm reads itself, on the application's thread at close, when a sampled result is
   * closed before its end (the usual lookup), so that it is compared anyway; 0 to 1000000, 0 counts
   * every early close as skipped. Rows already in memory with the drivers' default fetch; a result
   * read with a fetch size is never read on.
   */
  private int drainOnClose = 100;

  /**
   * Functions with side effects: a statement calling one is never shadowed (nextval, setval,
   * advisory locks and the like are always refused).
   */
  private List<String> sideEffectFunctions = new ArrayList<>();

  /**
   * Columns that identify a row of a table in results without its primary key, table name to
   * columns, for mismatch reports.
   */
  private Map<String, List<String>> keyColumns = new LinkedHashMap<>();

  /**
   * Whether mismatch reports carry row values. Off by default: rows may hold personal data; values
   * never reach the log either way.
   */
  private boolean includeValues = false;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Double getSamplePercent() {
    return samplePercent;
  }

  public void setSamplePercent(Double samplePercent) {
    this.samplePercent = samplePercent;
  }

  public Long getSampleOneIn() {
    return sampleOneIn;
  }

  public void setSampleOneIn(Long sampleOneIn) {
    this.sampleOneIn = sampleOneIn;
  }

  public int getWorkers() {
    return workers;
  }

  public void setWorkers(int workers) {
    this.workers = workers;
  }

  public int getQueueCapacity() {
    return queueCapacity;
  }

  public void setQueueCapacity(int queueCapacity) {
    this.queueCapacity = queueCapacity;
  }

  public Duration getTimeLimit() {
    return timeLimit;
  }

  public void setTimeLimit(Duration timeLimit) {
    this.timeLimit = timeLimit;
  }

  public Duration getRecheckDelay() {
    return recheckDelay;
  }

  public void setRecheckDelay(Duration recheckDelay) {
    this.recheckDelay = recheckDelay;
  }

  public int getRechecks() {
    return rechecks;
  }

  public void setRechecks(int rechecks) {
    this.rechecks = rechecks;
  }

  public int getMaxRows() {
    return maxRows;
  }

  public void setMaxRows(int maxRows) {
    this.maxRows = maxRows;
  }

  public int getDrainOnClose() {
    return drainOnClose;
  }

  public void setDrainOnClose(int drainOnClose) {
    this.drainOnClose = drainOnClose;
  }

  public List<String> getSideEffectFunctions() {
    return sideEffectFunctions;
  }

  public void setSideEffectFunctions(List<String> sideEffectFunctions) {
    this.sideEffectFunctions = sideEffectFunctions;
  }

  public Map<String, List<String>> getKeyColumns() {
    return keyColumns;
  }

  public void setKeyColumns(Map<String, List<String>> keyColumns) {
    this.keyColumns = keyColumns;
  }

  public boolean isIncludeValues() {
    return includeValues;
  }

  public void setIncludeValues(boolean includeValues) {
    this.includeValues = includeValues;
  }
}
