package dev.zdm.backfill;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of a backfill's progress, per table and overall. Rows copied count the rows in
 * committed chunks (by every process, as of this process's last look at the checkpoints, plus its
 * own since); the rate is this process's. Immutable.
 *
 * @param tables one entry per table, in configuration order
 * @param rowsCopied rows copied over all tables
 * @param estimatedRows the tables' estimated rows
 * @param rowsPerSecond this process's recent copy rate
 * @param done whether every range of every table is finished
 */
public record BackfillProgress(
    List<Table> tables, long rowsCopied, long estimatedRows, double rowsPerSecond, boolean done) {

  /** Copies the list. */
  public BackfillProgress {
    tables = List.copyOf(tables);
  }

  /**
   * Returns the share of rows copied, 0 to 100; 100 once done.
   *
   * @return the percentage
   */
  public double percent() {
    return percent(rowsCopied, estimatedRows, done);
  }

  /**
   * Returns the time left at the current rate.
   *
   * @return the estimate, empty while the rate is unknown; zero once done
   */
  public Optional<Duration> eta() {
    return eta(rowsCopied, estimatedRows, rowsPerSecond, done);
  }

  /**
   * One table's progress.
   *
   * @param table the source table
   * @param ranges its ranges
   * @param rangesDone its finished ranges
   * @param rowsCopied rows copied
   * @param estimatedRows the table's estimated rows
   * @param rowsPerSecond this process's recent rate for the table
   */
  public record Table(
      String table,
      int ranges,
      int rangesDone,
      long rowsCopied,
      long estimatedRows,
      double rowsPerSecond) {

    /** Returns whether every range is finished. */
    public boolean done() {
      return ranges > 0 && rangesDone == ranges;
    }

    /** Returns the share of rows copied, 0 to 100. */
    public double percent() {
      return BackfillProgress.percent(rowsCopied, estimatedRows, done());
    }

    /** Returns the time left at the current rate, empty while unknown. */
    public Optional<Duration> eta() {
      return BackfillProgress.eta(rowsCopied, estimatedRows, rowsPerSecond, done());
    }
  }

  static double percent(long copied, long estimated, boolean done) {
    if (done) {
      return 100.0;
    }
    if (estimated <= 0) {
      return 0.0;
    }
    // Estimates from catalog statistics can be below what was copied; stop short of 100.
    return Math.min(99.9, 100.0 * copied / estimated);
  }

  static Optional<Duration> eta(long copied, long estimated, double rate, boolean done) {
    if (done) {
      return Optional.of(Duration.ZERO);
    }
    if (rate <= 0 || estimated <= 0) {
      return Optional.empty();
    }
    long left = Math.max(0, estimated - copied);
    return Optional.of(Duration.ofMillis((long) (left * 1000.0 / rate)));
  }
}
