package dev.zdm.jdbc.backfill;

import dev.zdm.ZdmException;
import dev.zdm.backfill.Checkpoint;
import dev.zdm.backfill.ChunkCopier;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.jdbc.capture.CaptureSql;
import dev.zdm.jdbc.relay.SqlFailure;
import dev.zdm.jdbc.rows.RangePlanner;
import dev.zdm.jdbc.rows.TablePair;
import dev.zdm.mapping.Row;
import dev.zdm.mapping.TableMapping;
import dev.zdm.relay.LeaseStore.Lease;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies one table's history chunk by chunk between two databases. A chunk: in a source transaction
 * (READ COMMITTED), read the next rows of the range in key order under the engine's shared row
 * lock; in one target transaction, with zdm's writer mark so that capture there skips it, check the
 * range's lease is still this process's (locking the lease row), upsert the mapped rows and advance
 * the checkpoint; commit the target, then end the source transaction, releasing the locks. A writer
 * that changes or deletes one of the chunk's rows waits for the chunk, so its change is relayed
 * after the chunk's copy: no stale row and no deleted row is left on the target.
 *
 * <p>Checkpoints and range leases live in the target database, with the rows. Thread-safe.
 */
public final class JdbcChunkCopier implements ChunkCopier {

  private final String migration;
  private final TableMapping mapping;
  private final ZdmDatabase source;
  private final ZdmDatabase target;
  private final CheckpointTable checkpoints;
  private final boolean postgresCopy;
  private final Set<Integer> upsertRanges = ConcurrentHashMap.newKeySet();
  private volatile TablePair pair;
  private volatile Optional<PostgresCopyPath> copyPath;
  private volatile Boolean deleteInsertSafe;

  private static final boolean PGJDBC_PRESENT = pgjdbcPresent();

  /**
   * Creates a copier.
   *
   * @param migration the migration's name
   * @param mapping the table's mapping
   * @param source where rows are read
   * @param target where rows, checkpoints and range leases are written; zdm's schema installed
   */
  public JdbcChunkCopier(
      String migration, TableMapping mapping, ZdmDatabase source, ZdmDatabase target) {
    this(migration, mapping, source, target, true);
  }

  /**
   * Creates a copier that may or may not take the PostgreSQL COPY path.
   *
   * @param migration the migration's name
   * @param mapping the table's mapping
   * @param source where rows are read
   * @param target where rows, checkpoints and range leases are written; zdm's schema installed
   * @param postgresCopy whether chunks between two PostgreSQL databases stream through {@code COPY}
   *     into a staging table where the pair allows it; false for the batched upsert always
   */
  public JdbcChunkCopier(
      String migration,
      TableMapping mapping,
      ZdmDatabase source,
      ZdmDatabase target,
      boolean postgresCopy) {
    this.postgresCopy = postgresCopy;
    this.migration = migration;
    this.mapping = mapping;
    this.source = source;
    this.target = target;
    this.checkpoints = new CheckpointTable(migration, mapping.sourceTable(), target);
  }

  @Override
  public String table() {
    return mapping.sourceTable();
  }

  /**
   * Reads both tables' shapes and checks the pair, once.
   *
   * @return the checked pair
   * @throws ZdmException naming the table and column that cannot be carried
   */
  public TablePair pair() {
    TablePair current = pair;
    if (current == null) {
      synchronized (this) {
        if (pair == null) {
          try (Connection s = source.dataSource().getConnection();
              Connection t = target.dataSource().getConnection()) {
            pair = TablePair.read(mapping, s, t);
          } catch (SQLException e) {
            throw failure("reading the table's shape on both sides", e);
          }
        }
        current = pair;
      }
    }
    return current;
  }

  @Override
  public List<Checkpoint> planOrLoad(int ranges) {
    try (Connection t = target.dataSource().getConnection()) {
      return checkpoints.planOrLoad(
          t,
          () -> {
            try (Connection s = source.dataSource().getConnection()) {
              return new RangePlanner(pair()).plan(s, ranges);
            }
          });
    } catch (SQLException e) {
      throw failure("planning the key ranges", e);
    }
  }

  @Override
  public Checkpoint load(int rangeNo) {
    try (Connection t = target.dataSource().getConnection()) {
      return checkpoints.load(t, rangeNo);
    } catch (SQLException e) {
      throw failure("reading the checkpoint of range " + rangeNo, e);
    }
  }

  @Override
  public ChunkResult copy(Checkpoint at, int limit, Lease lease) {
    TablePair tables = pair();
    Optional<PostgresCopyPath> copyPath = copyPath();
    long started = System.nanoTime();
    try (Connection s = source.dataSource().getConnection()) {
      boolean autoCommit = s.getAutoCommit();
      int isolation = s.getTransactionIsolation();
      s.setAutoCommit(false);
      // No gap locks in InnoDB: only the rows read are locked, inserts between them go on.
      s.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      try {
        Checkpoint next;
        try (Connection t = target.dataSource().getConnection()) {
          if (copyPath.isPresent() && PostgresCopyPath.usable(s, t)) {
            next = inTargetTransaction(t, lease, () -> copyChunk(copyPath.get(), s, t, at, limit));
          } else {
            List<Row> rows =
                tables.reader().readRange(s, at.resumeAfter().orElse(null), at.last(), limit);
            RowKey cursor =
                rows.isEmpty() ? at.cursor() : tables.reader().keyOf(rows.get(rows.size() - 1));
            Checkpoint after = advanced(at, cursor, rows.size(), limit);
            next =
                inTargetTransaction(
                    t,
                    lease,
                    () -> {
                      tables.writer().upsert(t, rows);
                      checkpoints.advance(t, after, rows.size());
                      return after;
                    });
          }
        }
        s.commit();
        int rows = (int) (next.rowsCopied() - at.rowsCopied());
        return new ChunkResult(next, rows, Duration.ofNanos(System.nanoTime() - started));
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(s);
        throw e;
      } finally {
        s.setTransactionIsolation(isolation);
        s.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw failure("copying a chunk of range " + at.rangeNo(), e);
    }
  }

  /** Streams the chunk through COPY into staging, merges it and advances the checkpoint. */
  private Checkpoint copyChunk(
      PostgresCopyPath path, Connection s, Connection t, Checkpoint at, int limit)
      throws SQLException {
    RowKey after = at.resumeAfter().orElse(null);
    path.prepare(s, t);
    Optional<PostgresCopyPath.Copied> direct =
        upsertRanges.contains(at.rangeNo())
            ? Optional.empty()
            : path.copyDirect(s, t, after, at.last(), limit);
    if (direct.isPresent()) {
      int rows = (int) direct.get().rows();
      Checkpoint next = advanced(at, rows == 0 ? at.cursor() : direct.get().cursor(), rows, limit);
      checkpoints.advance(t, next, rows);
      return next;
    }
    long staged = path.stage(s, t, after, at.last(), limit);
    int rows = (int) staged;
    RowKey cursor = rows == 0 ? at.cursor() : path.lastStagedKey(t);
    Checkpoint next = advanced(at, cursor, rows, limit);
    boolean deleteInsert = deleteInsertSafe(path, t) && !upsertRanges.contains(at.rangeNo());
    try {
      if (rows > 0) {
        path.merge(t, deleteInsert, after, cursor);
      }
    } catch (SQLException e) {
      if (deleteInsert && "23505".equals(e.getSQLState())) {
        // The relay inserted one of the keys between the delete and the insert: this chunk is
        // rolled back, and its retry merges with an upsert, which such a race cannot fail.
        upsertRanges.add(at.rangeNo());
      }
      throw e;
    }
    checkpoints.advance(t, next, rows);
    upsertRanges.remove(at.rangeNo());
    return next;
  }

  private static Checkpoint advanced(Checkpoint at, RowKey cursor, int rows, int limit) {
    boolean done = rows < limit || (cursor != null && cursor.equals(at.last()));
    return new Checkpoint(
        at.table(), at.rangeNo(), at.after(), at.last(), cursor, at.rowsCopied() + rows, done);
  }

  private Optional<PostgresCopyPath> copyPath() {
    Optional<PostgresCopyPath> path = copyPath;
    if (path == null) {
      path =
          postgresCopy && PGJDBC_PRESENT
              ? PostgresCopyPath.of(pair(), target.tables().prefix())
              : Optional.empty();
      copyPath = path;
    }
    return path;
  }

  private boolean deleteInsertSafe(PostgresCopyPath path, Connection t) throws SQLException {
    Boolean safe = deleteInsertSafe;
    if (safe == null) {
      safe = path.deleteInsertSafe(t, target.tables().prefix());
      deleteInsertSafe = safe;
    }
    return safe;
  }

  /** What a chunk does on the target between the fence and the commit. */
  private interface TargetWrite {
    Checkpoint write() throws SQLException;
  }

  private Checkpoint inTargetTransaction(Connection t, Lease lease, TargetWrite write)
      throws SQLException {
    CaptureSql capture = target.dialect().capture();
    boolean autoCommit = t.getAutoCommit();
    t.setAutoCommit(false);
    boolean sessionMark = false;
    try {
      if (!capture.markZdmTransaction(t)) {
        capture.markZdmWriter(t);
        sessionMark = true;
      }
      LeaseFence.check(t, target, migration, lease);
      Checkpoint next = write.write();
      t.commit();
      return next;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(t);
      throw e;
    } finally {
      if (sessionMark) {
        capture.unmarkZdmWriter(t);
      }
      t.setAutoCommit(autoCommit);
    }
  }

  @Override
  public long estimatedRows() {
    TablePair tables = pair();
    try (Connection s = source.dataSource().getConnection()) {
      return RowEstimate.of(s, tables.source());
    } catch (SQLException e) {
      return 0; // an estimate is only for progress figures
    }
  }

  /**
   * Tells whether this copier streams its chunks through PostgreSQL {@code COPY}.
   *
   * @return true if chunks take the COPY path (both sides pgjdbc connections)
   */
  public boolean usesPostgresCopy() {
    return copyPath().isPresent();
  }

  private static boolean pgjdbcPresent() {
    try {
      Class.forName("org.postgresql.PGConnection", false, JdbcChunkCopier.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // the connection is broken; the transaction dies with it
    }
  }

  private ZdmException failure(String what, SQLException e) {
    return new ZdmException(
        migration
            + ": backfill of table "
            + mapping.sourceTable()
            + ": "
            + what
            + " failed: "
            + SqlFailure.describe(e),
        e);
  }
}
