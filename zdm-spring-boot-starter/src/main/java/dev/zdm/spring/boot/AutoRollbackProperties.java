package dev.zdm.spring.boot;

import dev.zdm.jdbc.rollback.RollbackPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The automatic rollback policy: in TARGET_PRIMARY, watches the target's statements and runs the
 * fenced rollback when their error rate or p95 latency over a sliding window crosses a threshold
 * (see {@code docs/canary-and-rollback.md}). Off unless {@code zdm.auto-rollback.enabled=true};
 * then at least one threshold must be set. The other defaults are {@link
 * dev.zdm.jdbc.rollback.RollbackPolicy}'s.
 *
 * <p>Part of {@link ZdmProperties}; bound once at start.
 */
public class AutoRollbackProperties {

  /** Whether the policy watches the target in TARGET_PRIMARY. */
  private boolean enabled = false;

  /**
   * Whether the policy only reports a crossing (log, listener, status, health) and never rolls
   * back.
   */
  private boolean dryRun = false;

  /**
   * Rolls back when more than this share of the target's statements in the window failed, in
   * percent (above 0, below 100); no error-rate threshold when empty.
   */
  private Double maxErrorRate;

  /**
   * Rolls back when the 95th percentile of the target's statement latency in the window is above
   * this; no latency threshold when empty.
   */
  private Duration maxP95Latency;

  /** Length of the sliding window the thresholds are measured over. */
  private Duration window = Duration.ofSeconds(30);

  /** Statements the window must hold before a threshold counts. */
  private int minimumCalls = 100;

  /**
   * Most statements the window keeps (its memory bound), 10 to 1,000,000. When traffic fills it
   * before the window's length, the figures cover a shorter span and the policy warns once.
   */
  private int maxSamples = 10_000;

  /**
   * SQLSTATE prefixes (a class such as 23, or a whole code) whose failures do not count as target
   * errors. The default 23 ignores integrity constraint violations (duplicate key, foreign key),
   * the application's own rules; empty counts every failure but the fence's.
   */
  private List<String> ignoredSqlStates =
      new ArrayList<>(RollbackPolicy.DEFAULT_IGNORED_SQL_STATES);

  /** How long the policy stays quiet after a trigger, so that it cannot flap. */
  private Duration coolDown = Duration.ofMinutes(5);

  /** How often the policy's own thread evaluates the window. */
  private Duration evaluationInterval = Duration.ofMillis(200);

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isDryRun() {
    return dryRun;
  }

  public void setDryRun(boolean dryRun) {
    this.dryRun = dryRun;
  }

  public Double getMaxErrorRate() {
    return maxErrorRate;
  }

  public void setMaxErrorRate(Double maxErrorRate) {
    this.maxErrorRate = maxErrorRate;
  }

  public Duration getMaxP95Latency() {
    return maxP95Latency;
  }

  public void setMaxP95Latency(Duration maxP95Latency) {
    this.maxP95Latency = maxP95Latency;
  }

  public Duration getWindow() {
    return window;
  }

  public void setWindow(Duration window) {
    this.window = window;
  }

  public int getMinimumCalls() {
    return minimumCalls;
  }

  public void setMinimumCalls(int minimumCalls) {
    this.minimumCalls = minimumCalls;
  }

  public int getMaxSamples() {
    return maxSamples;
  }

  public void setMaxSamples(int maxSamples) {
    this.maxSamples = maxSamples;
  }

  public List<String> getIgnoredSqlStates() {
    return ignoredSqlStates;
  }

  public void setIgnoredSqlStates(List<String> ignoredSqlStates) {
    this.ignoredSqlStates = ignoredSqlStates;
  }

  public Duration getCoolDown() {
    return coolDown;
  }

  public void setCoolDown(Duration coolDown) {
    this.coolDown = coolDown;
  }

  public Duration getEvaluationInterval() {
    return evaluationInterval;
  }

  public void setEvaluationInterval(Duration evaluationInterval) {
    this.evaluationInterval = evaluationInterval;
  }
}
