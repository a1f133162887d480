package dev.zdm.jdbc.shadow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Takes a sampled source result's values as the application reads it (the first {@value
 * #DEFERRED_ROWS} rows are copied and digested later on a shadow worker, the rest digested at once,
 * so the caller's thread does little for a small result and a queued comparison holds little for a
 * large one), and hands the comparison to the {@link ShadowReader} when the application has read it
 * to the end, or closed it with at most {@link ShadowReads.Builder#drainOnClose(int) drainOnClose}
 * rows left, which the tap then reads itself. One tap per result set, used on the application's
 * thread only (not thread-safe), by {@link dev.zdm.jdbc.datasource.DualWriteDataSource}'s result
 * set; applications do not use it. It never throws: a row it cannot digest or read makes it give
 * up, counted {@code skipped}.
 */
public final class ShadowTap {

  static final int DEFERRED_ROWS = 256;

  private final ShadowReader reader;
  final String sql;
  final SqlShape shape;
  final boolean prepared;
  final StatementBinder binder;
  private final int maxRows;
  private final int drainOnClose;
  ResultRows rows;
  // The digests of rows past the first DEFERRED_ROWS, taken as the application reads them; the
  // first rows' values wait in `deferred`, digested on the worker (digests()), so that the
  // caller's thread only copies values for the usual small result. The bound keeps what a queued
  // comparison holds small.
  private long[] digests = new long[16];
  private Object[][] deferred = new Object[16][];
  int count;
  private boolean done;

  ShadowTap(
      ShadowReader reader,
      String sql,
      SqlShape shape,
      boolean prepared,
      StatementBinder binder,
      int maxRows,
      int drainOnClose) {
    this.reader = reader;
    this.sql = sql;
    this.shape = shape;
    this.prepared = prepared;
    this.binder = binder;
    this.maxRows = maxRows;
    this.drainOnClose = drainOnClose;
  }

  /**
   * Takes the values of the row the result set is on (digested later on the worker for the first
   * {@value #DEFERRED_ROWS} rows, at once after them); called after each {@code next()} that
   * returned true.
   *
   * @param resultSet the source's result set, on a row
   */
  public void row(ResultSet resultSet) {
    if (done) {
      return;
    }
    try {
      if (rows == null) {
        if (resultSet.getType() != ResultSet.TYPE_FORWARD_ONLY) {
          giveUp("scrollable");
          return;
        }
        rows = ResultRows.of(resultSet);
      }
      if (count == maxRows) {
        giveUp("too-many-rows");
        return;
      }
      if (count == digests.length) {
        digests = Arrays.copyOf(digests, Math.min(maxRows, count * 2));
      }
      Object[] values = rows.values(resultSet);
      if (count < DEFERRED_ROWS) {
        if (count == deferred.length) {
          deferred = Arrays.copyOf(deferred, Math.min(DEFERRED_ROWS, count * 2));
        }
        deferred[count] = values;
      } else {
        digests[count] = rows.digest(values);
      }
      count++;
    } catch (SQLException | RuntimeException e) {
      giveUp("digest-failed");
    }
  }

  /**
   * Called when {@code next()} returned false: the application read the whole result. Queues the
   * comparison, never waiting for it.
   *
   * @param resultSet the source's result set, after its last row
   */
  public void end(ResultSet resultSet) {
    if (done) {
      return;
    }
    done = true;
    if (rows == null) {
      try {
        rows = ResultRows.of(resultSet);
      } catch (SQLException | RuntimeException e) {
        reader.skipped("digest-failed", shape.fingerprint());
        return;
      }
    }
    reader.compare(this);
  }

  /**
   * Called when the application's {@code next()} failed: the read is counted {@code skipped}
   * ({@code read-failed}) and the tap reads nothing more of that result.
   */
  public void readFailed() {
    if (!done) {
      giveUp("read-failed");
    }
  }

  /**
   * Called when the result set closes, before the driver's result set is closed, whoever closes it
   * (the application, or its statement or connection closing or running again). Before its end,
   * reads up to {@code drainOnClose} more rows into the digest, so that the usual lookup ({@code if
   * (rs.next()) ...}, then close) is compared too; with more rows left, {@code drainOnClose} 0, or
   * a fetch size on the result (its rows may not be fetched yet), the read is counted {@code
   * skipped} ({@code stopped-early}). A failure while reading is counted {@code skipped} ({@code
   * drain-failed}); it never reaches the caller, whose close goes on as it would have.
   *
   * @param resultSet the source's result set, still open
   */
  public void close(ResultSet resultSet) {
    if (done) {
      return;
    }
    if (drainOnClose == 0) {
      // Not even a look at the driver's result set: the behaviour before draining existed.
      giveUp("stopped-early");
      return;
    }
    try {
      if (resultSet.getFetchSize() != 0) {
        // A fetch size may mean a cursor or a stream: the rows left may not be fetched yet, and
        // fetching them could fail where the application would not (in PostgreSQL, aborting its
        // transaction). Only a result the driver holds whole is read on.
        giveUp("stopped-early");
        return;
      }
      // At most drainOnClose rows are digested; one more next() tells whether the result ended.
      for (int drained = 0; !done; drained++) {
        if (!resultSet.next()) {
          end(resultSet);
        } else if (drained == drainOnClose) {
          giveUp("stopped-early");
        } else {
          row(resultSet);
        }
      }
    } catch (SQLException | RuntimeException e) {
      if (!done) {
        giveUp("drain-failed");
      }
    }
  }

  /**
   * The digests of every row the application read, in order; takes the deferred ones now. Called on
   * the worker, once the tap is done.
   */
  long[] digests() {
    if (deferred != null) {
      long[] all = Arrays.copyOf(digests, count);
      for (int i = 0; i < Math.min(count, DEFERRED_ROWS); i++) {
        all[i] = rows.digest(deferred[i]);
      }
      digests = all;
      deferred = null;
    }
    return digests;
  }

  private void giveUp(String reason) {
    done = true;
    digests = null;
    deferred = null;
    reader.skipped(reason, shape.fingerprint());
  }
}
