package dev.zdm.jdbc.rollback;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One crossing of a threshold by the statements the target served in {@code TARGET_PRIMARY}, and
 * what the policy did about it.
 *
 * @param migration the migration's name
 * @param threshold which threshold was crossed
 * @param observed the observed value: error rate in percent, or p95 latency in milliseconds
 * @param limit the threshold's value, in the same unit
 * @param window the configured length of the sliding window
 * @param covered the span the counted statements actually cover, from the oldest one counted to the
 *     evaluation: at most {@code window}, shorter when traffic began less than a window ago or when
 *     {@code sampleLimitReached}
 * @param calls statements counted in the window
 * @param errors failed statements among them
 * @param sampleLimitReached whether the policy's bound on samples ({@code maxSamples}) was full of
 *     statements inside the window, so that older ones in it were forgotten and {@code covered} is
 *     shorter than the window
 * @param outcome what the policy did
 * @param failure why the rollback failed, null unless {@code outcome} is {@link
 *     Outcome#ROLLBACK_FAILED}
 * @param at when the threshold was found crossed
 */
public record RollbackTrigger(
    String migration,
    Threshold threshold,
    double observed,
    double limit,
    Duration window,
    Duration covered,
    long calls,
    long errors,
    boolean sampleLimitReached,
    Outcome outcome,
    String failure,
    Instant at) {

  /** Checks the required parts. */
  public RollbackTrigger {
    Objects.requireNonNull(migration, "migration");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(covered, "covered");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(at, "at");
  }

  /** The thresholds the policy watches. */
  public enum Threshold {
    /** Share of the target's statements that failed, in percent. */
    ERROR_RATE("error rate", "%"),
    /** 95th percentile of the target's statement latency, in milliseconds. */
    P95_LATENCY("p95 latency", " ms");

    private final String label;
    private final String unit;

    Threshold(String label, String unit) {
      this.label = label;
      this.unit = unit;
    }

    /** Formats a value of this threshold with its unit, such as {@code 12.5%}. */
    String format(double value) {
      return String.format(Locale.ROOT, "%.1f%s", value, unit);
    }

    /** The threshold as a person reads it, such as {@code error rate}. */
    public String label() {
      return label;
    }
  }

  /** What the policy did when the threshold was crossed. */
  public enum Outcome {
    /** The fenced rollback ran and authority is back on the source. */
    ROLLED_BACK,
    /** Dry run: only reported. */
    DRY_RUN,
    /** The rollback was attempted and refused or failed; see {@link #failure()}. */
    ROLLBACK_FAILED
  }

  /**
   * Describes the trigger in one line, naming the threshold, the observed value and the span
   * measured, for example {@code error rate 52.0% above the threshold 20.0% over 130 target
   * statements (68 failed) in the last 4.8 s of a 5.0 s window}; when the sample bound cut the
   * window short it adds {@code (sample limit reached: raise maxSamples to cover the window)}.
   *
   * @return the description
   */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s %s above the threshold %s over %d target statements (%d failed) in the last %s of a %s"
            + " window%s",
        threshold.label(),
        threshold.format(observed),
        threshold.format(limit),
        calls,
        errors,
        span(covered),
        span(window),
        sampleLimitReached ? " (sample limit reached: raise maxSamples to cover the window)" : "");
  }

  /** A span as a person reads it: {@code 850 ms} below a second, {@code 4.8 s} from one on. */
  static String span(Duration duration) {
    return duration.compareTo(Duration.ofSeconds(1)) < 0
        ? duration.toMillis() + " ms"
        : String.format(Locale.ROOT, "%.1f s", duration.toNanos() / 1e9);
  }
}
