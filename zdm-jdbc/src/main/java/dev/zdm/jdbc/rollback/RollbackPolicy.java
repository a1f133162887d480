package dev.zdm.jdbc.rollback;

import dev.zdm.Phase;
import dev.zdm.ZdmException;
import dev.zdm.control.Fence;
import dev.zdm.control.InstrumentReport;
import dev.zdm.control.InstrumentSource;
import dev.zdm.control.PhaseState;
import dev.zdm.jdbc.control.MigrationControl;
import dev.zdm.jdbc.datasource.StatementObserver;
import dev.zdm.jdbc.rollback.RollbackTrigger.Outcome;
import dev.zdm.jdbc.rollback.RollbackTrigger.Threshold;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automatic rollback policy: watches the statements the target serves in {@code TARGET_PRIMARY}
 * and, when their error rate or their p95 latency over a sliding window crosses its threshold (with
 * at least a minimum number of statements in the window), runs the fenced {@link
 * MigrationControl#rollback()}, tells the listener and logs one line naming the threshold, the
 * observed value and the window. In dry-run mode it only reports. After a trigger it waits a
 * cool-down before it may trigger again, and starts a fresh window.
 *
 * <pre>{@code
 * RollbackPolicy policy = RollbackPolicy.builder(control)
 *     .maxErrorRate(5.0)
 *     .maxP95Latency(Duration.ofMillis(250))
 *     .window(Duration.ofSeconds(30))
 *     .minimumCalls(200)
 *     .build();
 * DataSource app = DualWriteDataSource.builder(name) ... .statementObserver(policy).build();
 * control.attach(policy);
 * }</pre>
 *
 * <p>The application's threads only record each target statement into a bounded ring (constant
 * time); one daemon thread of the policy evaluates the window every {@link
 * Builder#evaluationInterval(Duration) evaluationInterval}, reads the phase, and runs the rollback.
 * A rollback that fails (a guard refuses, another instance changed the phase, the switch gave up)
 * is logged at error level, reported to the listener as {@link Outcome#ROLLBACK_FAILED} with the
 * reason, shown in {@link #report()}, and starts the cool-down like any trigger. Outside {@code
 * TARGET_PRIMARY} the window is emptied and nothing triggers.
 *
 * <p>A statement counts as an error when it failed with an {@link SQLException} other than the
 * fence's refusal (a switch in progress, not a sick target) and other than an integrity constraint
 * violation (SQLSTATE class {@code 23}: duplicate key, foreign key, not null, check). Those are the
 * application's own rules, which the source enforces the same way, and an application may rely on
 * them (insert, catch the duplicate key, update instead) at any rate on a healthy target.
 * Everything else counts: lost connections ({@code 08}), exhausted resources ({@code 53}), operator
 * intervention and cancelled statements ({@code 57}), system errors ({@code 58}, {@code XX}),
 * timeouts, missing privileges ({@code 42501}) or objects ({@code 42P01}). {@link
 * Builder#ignoredSqlStates(String...)} changes the ignored classes; {@link
 * Builder#countsAsError(Predicate)} replaces the whole test.
 *
 * <p>The window keeps at most {@link Builder#maxSamples(int) maxSamples} statements. When traffic
 * fills that bound before the window's length is reached, the figures cover only the span of the
 * statements kept: the trigger, its log line and {@link #report()} state that span ({@code
 * covered}) next to the configured window, and the policy logs a one-time warning that names the
 * bound to raise. Thread-safe; {@link #close()} stops the thread.
 */
public final class RollbackPolicy implements StatementObserver, InstrumentSource, AutoCloseable {

  /**
   * The SQLSTATE prefixes whose failures do not count as errors unless {@link
   * Builder#ignoredSqlStates(String...)} says otherwise: class {@code 23}, integrity constraint
   * violations.
   */
  public static final List<String> DEFAULT_IGNORED_SQL_STATES = List.of("23");

  private static final Logger log = LoggerFactory.getLogger(RollbackPolicy.class);

  private final MigrationControl control;
  private final String migration;
  private final Double maxErrorRate;
  private final Duration maxP95;
  private final Duration window;
  private final int minimumCalls;
  private final Duration coolDown;
  private final boolean dryRun;
  private final Predicate<SQLException> countsAsError;
  private final String errorTest;
  private final RollbackPolicyListener listener;
  private final Clock clock;
  private final TargetWindow samples;
  private final ScheduledExecutorService evaluator;
  private volatile TargetWindow.Figures lastFigures = TargetWindow.Figures.NONE;
  private volatile boolean warnedSampleLimit;
  private volatile Phase lastPhase;
  private volatile RollbackTrigger lastTrigger;
  private volatile long lastTriggerNanos;
  private volatile String lastEvaluationError;
  private volatile long evaluations;

  private RollbackPolicy(Builder b) {
    this.control = b.control;
    this.migration = b.control.migration();
    this.maxErrorRate = b.maxErrorRate;
    this.maxP95 = b.maxP95;
    this.window = b.window;
    this.minimumCalls = b.minimumCalls;
    this.coolDown = b.coolDown;
    this.dryRun = b.dryRun;
    if (b.countsAsError == null) {
      IgnoredSqlStates test = new IgnoredSqlStates(b.ignoredSqlStates);
      this.countsAsError = test;
      this.errorTest = test.describe();
    } else {
      this.countsAsError = b.countsAsError;
      this.errorTest = "the application's countsAsError";
    }
    this.listener = b.listener;
    this.clock = b.clock;
    this.samples = new TargetWindow(b.maxSamples);
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "zdm-" + migration + "-rollback-policy");
              thread.setDaemon(true);
              return thread;
            });
    this.evaluator = executor;
    evaluator.scheduleWithFixedDelay(
        this::evaluateQuietly,
        b.evaluationInterval.toNanos(),
        b.evaluationInterval.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  /**
   * Starts a builder for the policy of the migration this control drives.
   *
   * @param control the control whose {@link MigrationControl#rollback()} the policy runs
   * @return a builder
   */
  public static Builder builder(MigrationControl control) {
    return new Builder(Objects.requireNonNull(control, "rollbackPolicy.control"));
  }

  /** Records a statement the target served; called by the data source on the caller's thread. */
  @Override
  public void executed(
      String migration, Phase.Side side, String sql, long nanos, SQLException failure) {
    if (side == Phase.Side.TARGET && this.migration.equals(migration)) {
      samples.record(System.nanoTime(), nanos, failure != null && countsAsError.test(failure));
    }
  }

  private void evaluateQuietly() {
    try {
      evaluate();
      lastEvaluationError = null;
    } catch (RuntimeException e) {
      if (lastEvaluationError == null) {
        log.warn("{}: automatic rollback policy cannot evaluate: {}", migration, e.getMessage());
      }
      lastEvaluationError = String.valueOf(e.getMessage());
    }
  }

  private void evaluate() {
    evaluations++;
    if (samples.isEmpty()) {
      return;
    }
    PhaseState state = control.phaseReader().read();
    lastPhase = state.phase();
    if (state.phase() != Phase.TARGET_PRIMARY) {
      samples.clear();
      lastFigures = TargetWindow.Figures.NONE;
      return;
    }
    long now = System.nanoTime();
    TargetWindow.Figures figures = samples.figures(now, window.toNanos());
    lastFigures = figures;
    if (figures.sampleLimitReached() && !warnedSampleLimit) {
      warnedSampleLimit = true;
      log.warn(
          "{}: automatic rollback policy: {}",
          migration,
          samples.sampleLimitWarning(figures, window));
    }
    if (figures.calls() < minimumCalls || coolingDown(now)) {
      return;
    }
    if (maxErrorRate != null && figures.errorRatePercent() > maxErrorRate) {
      act(Threshold.ERROR_RATE, figures.errorRatePercent(), maxErrorRate, figures, now);
    } else if (maxP95 != null && figures.p95Nanos() > maxP95.toNanos()) {
      act(Threshold.P95_LATENCY, figures.p95Millis(), maxP95.toNanos() / 1e6, figures, now);
    }
  }

  private boolean coolingDown(long now) {
    return lastTrigger != null && now - lastTriggerNanos < coolDown.toNanos();
  }

  private void act(
      Threshold threshold, double observed, double limit, TargetWindow.Figures f, long now) {
    Instant at = clock.instant();
    lastTriggerNanos = now;
    samples.clear();
    Outcome outcome = Outcome.DRY_RUN;
    String failure = null;
    String result = "dry run, no rollback";
    if (!dryRun) {
      try {
        PhaseState after = control.rollback();
        outcome = Outcome.ROLLED_BACK;
        result = "rolled back to " + after.phase() + " (epoch " + after.epoch() + ")";
      } catch (RuntimeException e) {
        outcome = Outcome.ROLLBACK_FAILED;
        failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        result = "the rollback FAILED, authority stays on the target: " + failure;
      }
    }
    RollbackTrigger trigger =
        new RollbackTrigger(
            migration,
            threshold,
            observed,
            limit,
            window,
            Duration.ofNanos(f.coveredNanos()),
            f.calls(),
            f.errors(),
            f.sampleLimitReached(),
            outcome,
            failure,
            at);
    lastTrigger = trigger;
    String line = "{}: automatic rollback policy: {}; {}";
    if (outcome == Outcome.ROLLBACK_FAILED) {
      log.error(line, migration, trigger.describe(), result);
    } else {
      log.warn(line, migration, trigger.describe(), result);
    }
    try {
      listener.triggered(trigger);
    } catch (RuntimeException e) {
      log.warn("{}: rollback policy listener failed; ignored", migration, e);
    }
  }

  /** Returns the last trigger, or null when the policy never triggered. */
  public RollbackTrigger lastTrigger() {
    return lastTrigger;
  }

  /**
   * Returns the policy's figures: the window's calls, error rate and p95 against the thresholds,
   * the span the counted statements cover and whether the sample bound cut it short, the last
   * trigger and whether the cool-down runs. Reads only memory; thread-safe.
   */
  @Override
  public InstrumentReport report() {
    TargetWindow.Figures f = lastFigures;
    RollbackTrigger trigger = lastTrigger;
    boolean cooling = coolingDown(System.nanoTime());
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("mode", dryRun ? "dry-run" : "active");
    figures.put("phase", lastPhase == null ? "not read yet" : lastPhase.name());
    figures.put("window", window);
    figures.put("covered", Duration.ofNanos(f.coveredNanos()));
    figures.put("maxSamples", samples.capacity());
    figures.put("sampleLimitReached", f.sampleLimitReached());
    if (f.sampleLimitReached()) {
      figures.put("sampleLimitWarning", samples.sampleLimitWarning(f, window));
    }
    figures.put("errorTest", errorTest);
    figures.put("calls", (long) f.calls());
    figures.put("minimumCalls", minimumCalls);
    figures.put("errors", (long) f.errors());
    figures.put("errorRatePercent", f.errorRatePercent());
    figures.put("maxErrorRatePercent", maxErrorRate);
    figures.put("p95Millis", f.p95Millis());
    figures.put("maxP95Millis", maxP95 == null ? null : maxP95.toNanos() / 1e6);
    figures.put("coolDown", coolDown);
    figures.put("coolingDown", cooling);
    figures.put("evaluations", evaluations);
    figures.put("lastTrigger", trigger == null ? "none" : trigger.describe());
    figures.put("lastOutcome", trigger == null ? "none" : trigger.outcome().name());
    figures.put("lastTriggerAt", trigger == null ? null : trigger.at());
    if (trigger != null && trigger.failure() != null) {
      figures.put("lastFailure", trigger.failure());
    }
    if (lastEvaluationError != null) {
      figures.put("evaluationError", lastEvaluationError);
    }
    String summary =
        String.format(
            Locale.ROOT,
            "%s; %d target statements in the last %s of the %s window%s, error rate %.1f%%%s,"
                + " p95 %.1f ms%s%s",
            dryRun ? "dry run" : "active",
            f.calls(),
            RollbackTrigger.span(Duration.ofNanos(f.coveredNanos())),
            RollbackTrigger.span(window),
            f.sampleLimitReached() ? " (sample limit reached)" : "",
            f.errorRatePercent(),
            maxErrorRate == null ? "" : String.format(Locale.ROOT, " (max %.1f%%)", maxErrorRate),
            f.p95Millis(),
            maxP95 == null ? "" : String.format(Locale.ROOT, " (max %d ms)", maxP95.toMillis()),
            trigger == null ? "" : "; last trigger: " + trigger.outcome());
    return new InstrumentReport("rollback-policy", summary, figures);
  }

  /** Stops the evaluating thread. Idempotent. */
  @Override
  public void close() {
    evaluator.shutdownNow();
  }

  /** Builds a {@link RollbackPolicy}; every setting is checked when set. Not thread-safe. */
  public static final class Builder {

    private final MigrationControl control;
    private Double maxErrorRate;
    private Duration maxP95;
    private Duration window = Duration.ofSeconds(30);
    private int minimumCalls = 100;
    private int maxSamples = 10_000;
    private Duration evaluationInterval = Duration.ofMillis(200);
    private Duration coolDown = Duration.ofMinutes(5);
    private boolean dryRun;
    private List<String> ignoredSqlStates = DEFAULT_IGNORED_SQL_STATES;
    private boolean ignoredSqlStatesSet;
    private Predicate<SQLException> countsAsError;
    private RollbackPolicyListener listener = RollbackPolicyListener.NONE;
    private Clock clock = Clock.systemUTC();

    private Builder(MigrationControl control) {
      this.control = control;
    }

    /**
     * Sets the error-rate threshold: roll back when more than this share of the target's statements
     * in the window failed.
     *
     * @param percent above 0, below 100
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder maxErrorRate(double percent) {
      if (!(percent > 0 && percent < 100)) {
        throw invalid("maxErrorRate", "must be above 0 and below 100 (percent)", percent);
      }
      this.maxErrorRate = percent;
      return this;
    }

    /**
     * Sets the latency threshold: roll back when the 95th percentile of the target's statement
     * latency in the window is above it.
     *
     * @param p95 positive, at most 10 minutes
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder maxP95Latency(Duration p95) {
      this.maxP95 = within("maxP95Latency", p95, Duration.ofNanos(1), Duration.ofMinutes(10));
      return this;
    }

    /**
     * Sets the sliding window's length (default 30 s).
     *
     * @param window between 100 ms and 1 hour
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder window(Duration window) {
      this.window = within("window", window, Duration.ofMillis(100), Duration.ofHours(1));
      return this;
    }

    /**
     * Sets how many statements the window must hold before a threshold counts (default 100).
     *
     * @param minimumCalls at least 1, at most {@link #maxSamples(int) maxSamples}
     * @return this builder
     * @throws ZdmException if below 1
     */
    public Builder minimumCalls(int minimumCalls) {
      if (minimumCalls < 1) {
        throw invalid("minimumCalls", "must be at least 1", minimumCalls);
      }
      this.minimumCalls = minimumCalls;
      return this;
    }

    /**
     * Sets the most statements the window keeps (default 10,000): its memory bound. Beyond it the
     * oldest are forgotten even inside the window's time; the figures then cover a shorter span
     * than the window, say so ({@code sampleLimitReached}, {@code covered}), and the policy logs
     * once how far to raise this.
     *
     * @param maxSamples between 10 and 1,000,000
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder maxSamples(int maxSamples) {
      if (maxSamples < 10 || maxSamples > TargetWindow.MAX_CAPACITY) {
        throw invalid("maxSamples", "must be between 10 and 1000000", maxSamples);
      }
      this.maxSamples = maxSamples;
      return this;
    }

    /**
     * Sets how often the window is evaluated (default 200 ms).
     *
     * @param interval between 10 ms and 1 minute
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder evaluationInterval(Duration interval) {
      this.evaluationInterval =
          within("evaluationInterval", interval, Duration.ofMillis(10), Duration.ofMinutes(1));
      return this;
    }

    /**
     * Sets how long after a trigger the policy stays quiet (default 5 minutes), so that it cannot
     * flap.
     *
     * @param coolDown between 0 and 1 day
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder coolDown(Duration coolDown) {
      this.coolDown = within("coolDown", coolDown, Duration.ZERO, Duration.ofDays(1));
      return this;
    }

    /**
     * Only reports crossings, never rolls back (default false).
     *
     * @param dryRun whether to
     * @return this builder
     */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * Sets the SQLSTATE prefixes whose failures do not count as errors, replacing the default
     * {@link #DEFAULT_IGNORED_SQL_STATES} ({@code 23}, integrity constraint violations). A prefix
     * is a class ({@code "23"}) or a whole code ({@code "40001"}); none counts every failure but
     * the fence's refusal, which never counts. Matches case-insensitively.
     *
     * @param prefixes SQLSTATE prefixes, 1 to 5 letters or digits each
     * @return this builder
     * @throws ZdmException if a prefix is null, empty, longer than 5 or not letters and digits
     */
    public Builder ignoredSqlStates(String... prefixes) {
      return ignoredSqlStates(Arrays.asList(prefixes));
    }

    /**
     * Sets the SQLSTATE prefixes whose failures do not count as errors; see {@link
     * #ignoredSqlStates(String...)}.
     *
     * @param prefixes SQLSTATE prefixes
     * @return this builder
     * @throws ZdmException if a prefix is null, empty, longer than 5 or not letters and digits
     */
    public Builder ignoredSqlStates(Collection<String> prefixes) {
      Objects.requireNonNull(prefixes, "rollbackPolicy.ignoredSqlStates");
      List<String> checked = new ArrayList<>();
      for (String prefix : prefixes) {
        if (!IgnoredSqlStates.isPrefix(prefix)) {
          throw invalid(
              "ignoredSqlStates",
              "must hold SQLSTATE prefixes of 1 to 5 letters or digits",
              prefix);
        }
        checked.add(prefix.toUpperCase(Locale.ROOT));
      }
      this.ignoredSqlStates = List.copyOf(checked);
      this.ignoredSqlStatesSet = true;
      return this;
    }

    /**
     * Replaces the whole test of which failures count as errors (default: every one but the fence's
     * refusal and the {@link #ignoredSqlStates(String...) ignored SQLSTATEs}). The fence's refusal
     * is then the test's to judge too ({@link Fence#refused(String)}). Not combined with {@code
     * ignoredSqlStates}: setting both is refused by {@link #build()}.
     *
     * @param countsAsError the test, called on the application's thread: keep it fast
     * @return this builder
     */
    public Builder countsAsError(Predicate<SQLException> countsAsError) {
      this.countsAsError = Objects.requireNonNull(countsAsError, "rollbackPolicy.countsAsError");
      return this;
    }

    /**
     * Sets the listener told about every trigger.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(RollbackPolicyListener listener) {
      this.listener = Objects.requireNonNull(listener, "rollbackPolicy.listener");
      return this;
    }

    /**
     * Sets the clock that stamps triggers (default: UTC system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "rollbackPolicy.clock");
      return this;
    }

    /**
     * Builds the policy and starts its evaluating thread.
     *
     * @return the policy
     * @throws ZdmException when no threshold is set, minimumCalls exceeds maxSamples, or both
     *     countsAsError and ignoredSqlStates are set
     */
    public RollbackPolicy build() {
      if (maxErrorRate == null && maxP95 == null) {
        throw new ZdmException(
            "rollbackPolicy for migration '"
                + control.migration()
                + "' needs maxErrorRate or maxP95Latency (or both)");
      }
      if (countsAsError != null && ignoredSqlStatesSet) {
        throw invalid(
            "ignoredSqlStates",
            "cannot be combined with countsAsError, which replaces the whole error test; leave"
                + " the SQLSTATEs to the predicate",
            ignoredSqlStates);
      }
      if (minimumCalls > maxSamples) {
        throw invalid(
            "minimumCalls", "must not exceed maxSamples (" + maxSamples + ")", minimumCalls);
      }
      return new RollbackPolicy(this);
    }

    private ZdmException invalid(String property, String rule, Object value) {
      return new ZdmException(
          "rollbackPolicy."
              + property
              + " "
              + rule
              + ", was "
              + value
              + " (migration '"
              + control.migration()
              + "')");
    }

    private Duration within(String property, Duration value, Duration min, Duration max) {
      Objects.requireNonNull(value, "rollbackPolicy." + property);
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw invalid(property, "must be between " + min + " and " + max, value);
      }
      return value;
    }
  }
}
