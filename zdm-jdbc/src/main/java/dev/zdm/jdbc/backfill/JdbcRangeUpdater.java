package dev.zdm.jdbc.backfill;

import dev.zdm.ZdmException;
import dev.zdm.backfill.Checkpoint;
import dev.zdm.backfill.ChunkCopier;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.jdbc.relay.SqlFailure;
import dev.zdm.jdbc.rows.KeysetSql;
import dev.zdm.jdbc.rows.RangePlanner;
import dev.zdm.jdbc.rows.TableShape;
import dev.zdm.relay.LeaseStore.Lease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Runs a user's statement over one table's key ranges inside one database, chunk by chunk: the
 * in-place half of the backfill engine (fill a new column, rewrite a value). A chunk, in one
 * transaction (READ COMMITTED): lock the range's lease row and check its token, find the key {@code
 * n} places after the cursor (key index only), run the statement with {@value #RANGE} replaced by
 * {@code cursor < key <= that key}, advance the checkpoint, commit. The statement's writes are
 * ordinary writes: capture triggers record them like the application's.
 *
 * <p>A chunk's rows are the keys it covered, whatever the statement changed, so that progress and
 * the rate limit count the table's keys. Checkpoints and leases live in the same database.
 * Thread-safe.
 */
public final class JdbcRangeUpdater implements ChunkCopier {

  /** The marker in the statement that becomes the chunk's key condition. */
  public static final String RANGE = "{range}";

  private final String job;
  private final String table;
  private final String statement;
  private final ZdmDatabase database;
  private final CheckpointTable checkpoints;
  private volatile TableShape shape;
  private volatile KeysetSql keyset;

  /**
   * Creates an updater.
   *
   * @param job the job's name (checkpoints and leases are kept under it)
   * @param table the table whose key ranges the statement runs over
   * @param statement SQL with {@value #RANGE} exactly once, where the chunk's key condition goes,
   *     and no other parameter markers
   * @param database the database; zdm's schema installed
   * @throws ZdmException if the statement does not hold {@value #RANGE} exactly once
   */
  public JdbcRangeUpdater(String job, String table, String statement, ZdmDatabase database) {
    int at = statement.indexOf(RANGE);
    if (at < 0 || statement.indexOf(RANGE, at + 1) >= 0) {
      throw new ZdmException(
          job
              + ": the statement for table "
              + table
              + " must contain "
              + RANGE
              + " exactly once, where the chunk's key condition goes, as in UPDATE "
              + table
              + " SET ... WHERE "
              + RANGE);
    }
    this.job = job;
    this.table = table;
    this.statement = statement;
    this.database = database;
    this.checkpoints = new CheckpointTable(job, table, database);
  }

  @Override
  public String table() {
    return table;
  }

  /**
   * Reads the table's shape, once.
   *
   * @return the shape
   * @throws ZdmException if the table does not exist or has no primary key
   */
  public TableShape shape() {
    TableShape current = shape;
    if (current == null) {
      synchronized (this) {
        if (shape == null) {
          try (Connection c = database.dataSource().getConnection()) {
            TableShape read = TableShape.read(c, table);
            keyset = new KeysetSql(read);
            shape = read;
          } catch (SQLException e) {
            throw failure("reading the table's shape", e);
          }
        }
        current = shape;
      }
    }
    return current;
  }

  @Override
  public List<Checkpoint> planOrLoad(int ranges) {
    TableShape tableShape = shape();
    try (Connection c = database.dataSource().getConnection()) {
      return checkpoints.planOrLoad(c, () -> new RangePlanner(tableShape).plan(c, ranges));
    } catch (SQLException e) {
      throw failure("planning the key ranges", e);
    }
  }

  @Override
  public Checkpoint load(int rangeNo) {
    try (Connection c = database.dataSource().getConnection()) {
      return checkpoints.load(c, rangeNo);
    } catch (SQLException e) {
      throw failure("reading the checkpoint of range " + rangeNo, e);
    }
  }

  @Override
  public ChunkResult copy(Checkpoint at, int limit, Lease lease) {
    shape();
    long started = System.nanoTime();
    try (Connection c = database.dataSource().getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      int isolation = c.getTransactionIsolation();
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      try {
        LeaseFence.check(c, database, job, lease);
        RowKey after = at.resumeAfter().orElse(null);
        RowKey end = keyset.nthKey(c, after, at.last(), limit);
        RowKey last = end != null ? end : at.last();
        long keys = end != null ? limit : keyset.count(c, after, at.last());
        boolean hasAfter = after != null;
        String sql = statement.replace(RANGE, keyset.condition(hasAfter));
        try (PreparedStatement update = c.prepareStatement(sql)) {
          keyset.bind(update, 1, after, last);
          update.executeUpdate();
        }
        Checkpoint next =
            new Checkpoint(
                at.table(),
                at.rangeNo(),
                at.after(),
                at.last(),
                last,
                at.rowsCopied() + keys,
                end == null || end.equals(at.last()));
        checkpoints.advance(c, next, (int) keys);
        c.commit();
        return new ChunkResult(next, (int) keys, Duration.ofNanos(System.nanoTime() - started));
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // the connection is broken; the transaction dies with it
        }
        throw e;
      } finally {
        c.setTransactionIsolation(isolation);
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw failure("updating a chunk of range " + at.rangeNo(), e);
    }
  }

  @Override
  public long estimatedRows() {
    TableShape tableShape = shape();
    try (Connection c = database.dataSource().getConnection()) {
      return RowEstimate.of(c, tableShape);
    } catch (SQLException e) {
      return 0; // an estimate is only for progress figures
    }
  }

  private ZdmException failure(String what, SQLException e) {
    return new ZdmException(
        job
            + ": in-place job on table "
            + table
            + ": "
            + what
            + " failed: "
            + SqlFailure.describe(e),
        e);
  }
}
