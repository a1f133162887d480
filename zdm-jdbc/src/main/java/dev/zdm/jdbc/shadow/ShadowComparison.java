package dev.zdm.jdbc.shadow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * The comparison of one sampled read, in two rounds on zdm's worker threads. Round one runs the
 * statement on the target and compares the row digests with those the tap took of the caller's
 * source result. When they differ, round two (after the recheck delay) reads both sides again in
 * full, source first, and only a difference that persists is reported, with the differing rows'
 * keys. Counted exactly once, whichever of the worker and the time limit finishes first.
 */
final class ShadowComparison {

  private final ShadowReader reader;
  final ShadowTap tap;
  private final AtomicBoolean counted = new AtomicBoolean();
  private volatile Statement running;
  // The re-reads so far and the keys that differed in every one of them (null before the first).
  private int attempts;
  private Set<String> persistingKeys;
  // Whether the last re-read's differences all involved rows the source changed meanwhile.
  private boolean unsettled;
  // Whether a re-read found more than maxRows rows on a side.
  private volatile boolean tooLarge;

  ShadowComparison(ShadowReader reader, ShadowTap tap) {
    this.reader = reader;
    this.tap = tap;
  }

  String fingerprint() {
    return tap.shape.fingerprint();
  }

  /** Counts the outcome unless it was counted already; returns whether this call counted it. */
  boolean finish(ShadowOutcome outcome, String reason) {
    if (!counted.compareAndSet(false, true)) {
      return false;
    }
    reader.count(outcome, reason, fingerprint());
    return true;
  }

  boolean finished() {
    return counted.get();
  }

  /** Cancels the statement running for this comparison, if one is. */
  void cancel() {
    Statement statement = running;
    if (statement != null) {
      try {
        statement.cancel();
      } catch (SQLException | RuntimeException e) {
        // The statement finished or its connection broke; either way it no longer holds a worker.
      }
    }
  }

  /** Round one: whether the target returns what the caller read from the source. */
  boolean targetAgrees() throws SQLException {
    if (finished()) {
      return true;
    }
    int limit = tap.count + 1;
    long[] digests = new long[limit];
    int[] count = new int[1];
    ResultRows[] shape = new ResultRows[1];
    read(
        reader.target,
        rs -> {
          if (shape[0] == null) {
            shape[0] = ResultRows.of(rs);
            if (!shape[0].sameColumns(tap.rows)) {
              return false;
            }
          }
          digests[count[0]++] = shape[0].digest(rs);
          return count[0] < limit;
        });
    if (shape[0] != null && !shape[0].sameColumns(tap.rows)) {
      return false;
    }
    // The caller's rows are digested only once the target has answered: a comparison that times
    // out, or finds other columns, spends no CPU on them.
    long[] callerDigests;
    try {
      callerDigests = tap.digests();
    } catch (RuntimeException e) {
      // A value the caller read has no canonical form: nothing to compare, as on the caller.
      finish(ShadowOutcome.SKIPPED, "digest-failed");
      return true;
    }
    long[] target = java.util.Arrays.copyOf(digests, count[0]);
    return ResultDiff.same(callerDigests, target, tap.shape.ordered());
  }

  boolean tooLarge() {
    return tooLarge;
  }

  boolean unsettled() {
    return unsettled;
  }

  int attempts() {
    return attempts;
  }

  /**
   * Keeps of a re-read's difference only the rows that differed in every re-read so far (by key;
   * rows named by position cannot be followed, so any difference persists). Returns null when
   * nothing persists. Called on one thread at a time (re-reads run one after the other).
   */
  ShadowMismatch persisting(ShadowMismatch mismatch) {
    attempts++;
    if (mismatch == null) {
      return null;
    }
    if (mismatch.kind() == ShadowMismatch.Kind.COLUMNS) {
      return mismatch;
    }
    if (mismatch.rows().isEmpty()) {
      unsettled = true;
      return null;
    }
    unsettled = false;
    if (mismatch.kind() != ShadowMismatch.Kind.ROWS || mismatch.keyColumns().isEmpty()) {
      return mismatch;
    }
    Set<String> keys = new HashSet<>();
    for (ShadowMismatch.RowDifference row : mismatch.rows()) {
      keys.add(row.key());
    }
    if (persistingKeys != null) {
      keys.retainAll(persistingKeys);
    }
    persistingKeys = keys;
    if (keys.isEmpty()) {
      return null;
    }
    List<ShadowMismatch.RowDifference> rows = new ArrayList<>();
    for (ShadowMismatch.RowDifference row : mismatch.rows()) {
      if (keys.contains(row.key())) {
        rows.add(row);
      }
    }
    return new ShadowMismatch(
        mismatch.migration(),
        mismatch.fingerprint(),
        mismatch.kind(),
        mismatch.sourceRows(),
        mismatch.targetRows(),
        mismatch.keyColumns(),
        rows);
  }

  /** Round two: reads both sides again; returns the persisting difference, or null. */
  ShadowMismatch recheck() throws SQLException {
    if (finished()) {
      return null;
    }
    Materialised source = materialise(reader.source);
    Materialised target = materialise(reader.target);
    if (source.rows.size() > reader.settings.maxRows
        || target.rows.size() > reader.settings.maxRows) {
      tooLarge = true;
      return null;
    }
    ResultRows sourceShape = source.shape != null ? source.shape : tap.rows;
    ResultRows targetShape = target.shape != null ? target.shape : sourceShape;
    return ResultDiff.compare(
        reader.migration,
        tap.shape,
        sourceShape,
        source.rows,
        targetShape,
        target.rows,
        reader.keys.keyColumns(targetShape, target.keyColumnsFromCatalog),
        tap.digests(),
        reader.settings.includeValues);
  }

  private record Materialised(
      ResultRows shape, List<String[]> rows, List<String> keyColumnsFromCatalog) {}

  private Materialised materialise(DataSource side) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    ResultRows[] shape = new ResultRows[1];
    List<String> primaryKey =
        read(
            side,
            rs -> {
              if (shape[0] == null) {
                shape[0] = ResultRows.of(rs);
              }
              rows.add(shape[0].canonical(rs));
              return rows.size() <= reader.settings.maxRows;
            });
    return new Materialised(shape[0], rows, primaryKey);
  }

  @FunctionalInterface
  private interface RowSink {
    /** Takes the current row; returns false to stop reading. */
    boolean take(ResultSet row) throws SQLException;
  }

  /**
   * Runs the statement on a read-only autocommit connection of {@code side} and feeds its rows;
   * returns the primary key of the result's table, as the side's catalog tells it.
   */
  private List<String> read(DataSource side, RowSink sink) throws SQLException {
    try (Connection connection = side.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      boolean readOnly = connection.isReadOnly();
      connection.setAutoCommit(true);
      connection.setReadOnly(true);
      try (Statement statement =
          tap.prepared ? connection.prepareStatement(tap.sql) : connection.createStatement()) {
        tap.binder.bind(statement);
        statement.setQueryTimeout(reader.queryTimeoutSeconds());
        running = statement;
        if (finished()) {
          return List.of();
        }
        ResultSet rs =
            tap.prepared
                ? ((PreparedStatement) statement).executeQuery()
                : statement.executeQuery(tap.sql);
        try (rs) {
          while (rs.next() && sink.take(rs)) {
            // The sink keeps what it needs.
          }
          return reader.keys.primaryKey(connection, rs.getMetaData());
        }
      } finally {
        running = null;
        connection.setReadOnly(readOnly);
        connection.setAutoCommit(autoCommit);
      }
    }
  }
}
