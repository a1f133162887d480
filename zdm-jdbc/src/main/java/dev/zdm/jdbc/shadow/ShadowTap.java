package dev.zdm.jdbc.shadow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Digests a sampled source result as the application reads it, and hands the comparison to the
 * {@link ShadowReader} when the application has read it to the end. One tap per result set, used on
 * the application's thread only (not thread-safe), by {@link
 * dev.zdm.jdbc.datasource.DualWriteDataSource}'s result set; applications do not use it. It never
 * throws: a row it cannot digest makes it give up, counted {@code skipped}.
 */
public final class ShadowTap {

  private final ShadowReader reader;
  final String sql;
  final SqlShape shape;
  final boolean prepared;
  final StatementBinder binder;
  private final int maxRows;
  ResultRows rows;
  long[] digests = new long[16];
  int count;
  private boolean done;

  ShadowTap(
      ShadowReader reader,
      String sql,
      SqlShape shape,
      boolean prepared,
      StatementBinder binder,
      int maxRows) {
    this.reader = reader;
    this.sql = sql;
    this.shape = shape;
    this.prepared = prepared;
    this.binder = binder;
    this.maxRows = maxRows;
  }

  /**
   * Digests the row the result set is on; called after each {@code next()} that returned true.
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
      digests[count++] = rows.digest(resultSet);
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
    digests = Arrays.copyOf(digests, count);
    reader.compare(this);
  }

  /** Called when the result set closes; before its end, the read is counted {@code skipped}. */
  public void close() {
    if (!done) {
      giveUp("stopped-early");
    }
  }

  private void giveUp(String reason) {
    done = true;
    digests = null;
    reader.skipped(reason, shape.fingerprint());
  }
}
