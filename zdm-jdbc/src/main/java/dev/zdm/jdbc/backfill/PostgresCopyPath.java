package dev.zdm.jdbc.backfill;

import dev.zdm.change.RowKey;
import dev.zdm.jdbc.Dialect;
import dev.zdm.jdbc.rows.ColumnKind;
import dev.zdm.jdbc.rows.ColumnShape;
import dev.zdm.jdbc.rows.KeysetSql;
import dev.zdm.jdbc.rows.RowReader;
import dev.zdm.jdbc.rows.TablePair;
import dev.zdm.jdbc.rows.TableShape;
import dev.zdm.mapping.RowMapping;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The PostgreSQL-to-PostgreSQL write path of a backfill chunk: the chunk's rows are streamed as
 * binary {@code COPY} from the source query (the same keyset range, {@code FOR SHARE}) into the
 * target, never decoded in Java. While the target holds no row in the chunk's key span they go
 * straight into the target table ({@link #copyDirect}); otherwise into a temporary staging table
 * ({@link #stage}) merged into the target with set-based statements ({@link #merge}), all in the
 * chunk's target transaction.
 *
 * <p>The merge deletes the staged keys from the target and inserts the staged rows (about half the
 * server work of {@code INSERT ... ON CONFLICT DO UPDATE}, which inserts speculatively), unless a
 * foreign key references the target table or a trigger other than zdm's is on it: then the delete
 * could cascade or fire, and the merge is {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE}. The
 * delete-insert merge can meet a row the relay inserted between its two statements (a unique
 * violation); the chunk is then rolled back, and the caller retries it with the upsert merge.
 *
 * <p>Taken only when every copied column has the same type on both sides (binary {@code COPY} is
 * type-exact), no column is computed in Java, the key columns are of kinds that render as SQL
 * literals (integer, decimal, text, UUID, date; {@code COPY} takes no parameters), and the
 * connections are pgjdbc's. Immutable and thread-safe.
 */
final class PostgresCopyPath {

  private static final Set<ColumnKind> LITERAL_KEYS =
      EnumSet.of(
          ColumnKind.INTEGER,
          ColumnKind.DECIMAL,
          ColumnKind.TEXT,
          ColumnKind.UUID,
          ColumnKind.DATE);

  private static final String ASYNC_COMMIT = "SET LOCAL synchronous_commit = off";

  private final RowReader reader;
  private final List<String> quotedKey;
  private final String copyOutHead;
  private final String orderBy;
  private final String copyIn;
  private final String createStage;
  private final String lastKey;
  private final String deleteStaged;
  private final String insertStaged;
  private final String upsertStaged;
  private final String quotedTarget;
  private final String stagedLead;
  private final String copyIntoTarget;
  private final KeysetSql sourceKeys;
  private final KeysetSql targetKeys;

  private PostgresCopyPath(TablePair pair, String zdmPrefix) {
    TableShape source = pair.source();
    TableShape target = pair.target();
    Dialect dialect = target.dialect();
    RowMapping mapping = pair.rowMapping();
    this.reader = pair.reader();
    this.quotedTarget = quoted(target);
    String stage =
        "pg_temp."
            + dialect.quote(
                zdmPrefix + "stage_" + Integer.toHexString(target.qualifiedName().hashCode()));
    List<String> targetColumns = mapping.targetLayout().columns();
    List<String> sourceSelect = new ArrayList<>();
    List<String> targetQuoted = new ArrayList<>();
    for (String column : targetColumns) {
      sourceSelect.add(dialect.quote(mapping.sourceColumnOf(column).orElseThrow()));
      targetQuoted.add(dialect.quote(column));
    }
    this.quotedKey = source.primaryKey().stream().map(c -> dialect.quote(c.name())).toList();
    // The target's key columns in the source key's order, to read the chunk's last key.
    List<String> stagedKey = new ArrayList<>();
    for (ColumnShape keyColumn : source.primaryKey()) {
      stagedKey.add(dialect.quote(targetColumnOf(mapping, keyColumn.name())));
    }
    this.stagedLead = stagedKey.get(0);
    List<String> targetKey = mapping.targetKey().stream().map(dialect::quote).toList();
    String columns = String.join(", ", targetQuoted);
    this.copyOutHead =
        "COPY (SELECT " + String.join(", ", sourceSelect) + " FROM " + quoted(source) + " WHERE ";
    this.orderBy = " ORDER BY " + String.join(", ", quotedKey);
    this.createStage =
        "CREATE TEMPORARY TABLE IF NOT EXISTS "
            + stage.substring("pg_temp.".length())
            + " ON COMMIT DELETE ROWS AS SELECT "
            + columns
            + " FROM "
            + quotedTarget
            + " WITH NO DATA";
    this.copyIn = "COPY " + stage + " (" + columns + ") FROM STDIN (FORMAT binary)";
    this.copyIntoTarget = "COPY " + quotedTarget + " (" + columns + ") FROM STDIN (FORMAT binary)";
    this.sourceKeys = new KeysetSql(source);
    // Copying straight into the target checks the target's key span with the source's key values,
    // so the keys must be the same columns in the same order.
    List<String> targetKeyNames = target.primaryKey().stream().map(ColumnShape::name).toList();
    List<String> mappedKey = new ArrayList<>();
    for (ColumnShape keyColumn : source.primaryKey()) {
      mappedKey.add(targetColumnOf(mapping, keyColumn.name()));
    }
    this.targetKeys = targetKeyNames.equals(mappedKey) ? new KeysetSql(target) : null;
    this.lastKey =
        "SELECT "
            + String.join(", ", stagedKey)
            + " FROM "
            + stage
            + " ORDER BY "
            + String.join(" DESC, ", stagedKey)
            + " DESC LIMIT 1";
    List<String> join = new ArrayList<>();
    for (String key : targetKey) {
      join.add("t." + key + " = s." + key);
    }
    this.deleteStaged =
        "DELETE FROM "
            + quotedTarget
            + " t USING "
            + stage
            + " s WHERE "
            + String.join(" AND ", join);
    this.insertStaged =
        "INSERT INTO " + quotedTarget + " (" + columns + ") SELECT " + columns + " FROM " + stage;
    List<String> set = new ArrayList<>();
    for (String column : targetQuoted) {
      if (!targetKey.contains(column)) {
        set.add(column + " = EXCLUDED." + column);
      }
    }
    this.upsertStaged =
        insertStaged
            + " ON CONFLICT ("
            + String.join(", ", targetKey)
            + ") "
            + (set.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + String.join(", ", set));
  }

  /**
   * Returns the COPY path for a pair, if it can carry it. Call only when pgjdbc is on the class
   * path ({@link JdbcChunkCopier} checks).
   *
   * @param pair the checked table pair
   * @param zdmPrefix zdm's table prefix, which also names its triggers and staging tables
   * @return the path, or empty when the batched upsert must carry this pair
   */
  static Optional<PostgresCopyPath> of(TablePair pair, String zdmPrefix) {
    if (!"postgresql".equals(pair.source().dialect().name())
        || !"postgresql".equals(pair.target().dialect().name())) {
      return Optional.empty();
    }
    RowMapping mapping = pair.rowMapping();
    for (String column : mapping.targetLayout().columns()) {
      Optional<String> from = mapping.sourceColumnOf(column);
      if (from.isEmpty()) {
        return Optional.empty(); // computed in Java
      }
      ColumnShape s = pair.source().column(from.get()).orElseThrow();
      ColumnShape t = pair.target().column(column).orElseThrow();
      if (!s.typeName().equals(t.typeName()) || s.kind() == ColumnKind.UNSUPPORTED) {
        return Optional.empty();
      }
    }
    for (ColumnShape key : pair.source().primaryKey()) {
      if (!LITERAL_KEYS.contains(key.kind())) {
        return Optional.empty();
      }
    }
    return Optional.of(new PostgresCopyPath(pair, zdmPrefix));
  }

  /**
   * Tells whether a delete-insert merge is safe on the target table: no foreign key references it
   * and no trigger but zdm's is on it.
   */
  boolean deleteInsertSafe(Connection target, String zdmPrefix) throws SQLException {
    try (PreparedStatement query =
        target.prepareStatement(
            "SELECT (SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND confrelid = c.oid)"
                + " + (SELECT count(*) FROM pg_trigger WHERE tgrelid = c.oid AND NOT tgisinternal"
                + " AND tgname NOT LIKE ?) FROM pg_class c WHERE c.oid = to_regclass(?)")) {
      query.setString(1, zdmPrefix.replace("_", "\\_") + "%");
      query.setString(2, quotedTarget);
      try (ResultSet row = query.executeQuery()) {
        return row.next() && row.getLong(1) == 0;
      }
    }
  }

  /** Whether both connections are pgjdbc's, so that COPY can stream between them. */
  static boolean usable(Connection source, Connection target) throws SQLException {
    return source.isWrapperFor(PGConnection.class) && target.isWrapperFor(PGConnection.class);
  }

  /**
   * Readies both transactions of a chunk: neither commit waits for its WAL flush, and the staging
   * table exists on the target.
   */
  void prepare(Connection source, Connection target) throws SQLException {
    // The source transaction wrote nothing but row locks, which die with a crash anyway. The
    // target's rows and checkpoint commit together, so losing that commit in a crash loses both and
    // the chunk is copied again; and a later relay commit that is flushed flushes this one first
    // (WAL is sequential), so a relayed newer row can never survive a crash that loses the chunk
    // beneath it.
    try (Statement statement = source.createStatement()) {
      statement.execute(ASYNC_COMMIT);
    }
    try (Statement statement = target.createStatement()) {
      statement.execute(ASYNC_COMMIT + "; " + createStage);
    }
  }

  /**
   * Streams the next rows of a range from the source, locked {@code FOR SHARE} in the source's
   * transaction, into the target's staging table in the target's transaction.
   *
   * @return the rows staged
   */
  long stage(Connection source, Connection target, RowKey after, RowKey last, int limit)
      throws SQLException {
    return stream(source, target, after, last, limit, copyIn);
  }

  /**
   * Copies the next rows of a range straight into the target table, when the target holds no row in
   * the chunk's key span yet (no staging, no merge: the common case while the relay has not touched
   * the range). A row inserted there meanwhile makes the copy fail on the key; it is then rolled
   * back to a savepoint, and the caller stages the chunk instead.
   *
   * @return the rows copied and the chunk's last key, or empty when the caller must stage
   */
  Optional<Copied> copyDirect(
      Connection source, Connection target, RowKey after, RowKey last, int limit)
      throws SQLException {
    if (targetKeys == null) {
      return Optional.empty();
    }
    RowKey end = sourceKeys.nthKey(source, after, last, limit);
    if (targetKeys.nthKey(target, after, end != null ? end : last, 1) != null) {
      return Optional.empty();
    }
    Savepoint savepoint = target.setSavepoint();
    long rows;
    try {
      rows = stream(source, target, after, last, limit, copyIntoTarget);
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) {
        throw e;
      }
      target.rollback(savepoint);
      return Optional.empty();
    }
    target.releaseSavepoint(savepoint);
    if (rows == 0) {
      return Optional.of(new Copied(0, null));
    }
    // The copied rows are locked, so at least that many keys exist: the rows-th key now is the
    // chunk's last one, or (if a key was inserted into the gap since) an earlier one, which only
    // makes the next chunk start earlier; the inserted row itself is the relay's to carry.
    RowKey cursor = sourceKeys.nthKey(source, after, last, (int) rows);
    if (cursor == null) {
      throw new SQLException("the chunk's last key could not be read back from the source");
    }
    return Optional.of(new Copied(rows, cursor));
  }

  /** What {@link #copyDirect} copied: rows, and the chunk's last key (null for none). */
  record Copied(long rows, RowKey cursor) {}

  private long stream(
      Connection source, Connection target, RowKey after, RowKey last, int limit, String into)
      throws SQLException {
    String copyOut =
        copyOutHead
            + range(after, last)
            + orderBy
            + " LIMIT "
            + limit
            + " FOR SHARE)"
            + " TO STDOUT (FORMAT binary)";
    PGConnection from = source.unwrap(PGConnection.class);
    PGCopyOutputStream copy =
        new PGCopyOutputStream(target.unwrap(PGConnection.class), into, 1 << 16);
    // A failing target must not abort the source's COPY: that would take a cancel request, which
    // can hit the source connection's next statement instead. The source is read to its end and
    // the target's failure reported after.
    Sink sink = new Sink(copy);
    try {
      from.getCopyAPI().copyOut(copyOut, sink);
      if (sink.failure == null) {
        return copy.endCopy();
      }
    } catch (IOException e) {
      throw new SQLException("streaming COPY from the source into the target failed", e);
    } finally {
      if (copy.isActive()) {
        try {
          copy.cancelCopy();
        } catch (SQLException ignored) {
          // the target transaction fails and is rolled back by the caller
        }
      }
    }
    if (sink.failure.getCause() instanceof SQLException cause) {
      throw cause;
    }
    throw new SQLException("writing COPY data into the target failed", sink.failure);
  }

  /** Passes bytes on until the first failure, then swallows the rest and keeps the failure. */
  private static final class Sink extends OutputStream {
    private final OutputStream out;
    IOException failure;

    Sink(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      if (failure != null) {
        return;
      }
      try {
        out.write(bytes, offset, length);
      } catch (IOException e) {
        failure = e;
      }
    }
  }

  /** Returns the largest staged key; call only when rows were staged. */
  RowKey lastStagedKey(Connection target) throws SQLException {
    try (Statement statement = target.createStatement();
        ResultSet row = statement.executeQuery(lastKey)) {
      row.next();
      return reader.readKey(row, 1);
    }
  }

  /**
   * Moves the staged rows into the target table.
   *
   * @param after the chunk's exclusive lower key, null for the table's start
   * @param cursor the chunk's last key
   */
  void merge(Connection target, boolean deleteInsert, RowKey after, RowKey cursor)
      throws SQLException {
    try (Statement statement = target.createStatement()) {
      if (deleteInsert) {
        // Bounded on the leading key column, so that the join reads only the chunk's part of the
        // target's key index: the staging table has no statistics, and an unbounded merge join
        // would walk the index from its start for every chunk.
        String lead = stagedLead;
        String bounds = " AND t." + lead + " <= " + literal(reader.keyValuesOf(cursor)[0]);
        if (after != null) {
          bounds += " AND t." + lead + " >= " + literal(reader.keyValuesOf(after)[0]);
        }
        statement.executeUpdate(deleteStaged + bounds);
        statement.executeUpdate(insertStaged);
      } else {
        statement.executeUpdate(upsertStaged);
      }
    }
  }

  /** The keyset condition with the bounds as literals: COPY takes no parameters. */
  private String range(RowKey after, RowKey last) {
    List<String> conditions = new ArrayList<>();
    if (after != null) {
      conditions.add(compare(reader.keyValuesOf(after), ">", ">"));
    }
    if (last != null) {
      conditions.add(compare(reader.keyValuesOf(last), "<", "<="));
    }
    return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
  }

  /** {@code (a, b) > (x, y)} spelled out, so that PostgreSQL scans the key index from x. */
  private String compare(Object[] key, String strict, String lastOp) {
    StringBuilder sql = new StringBuilder("(");
    for (int i = 0; i < key.length; i++) {
      if (i > 0) {
        sql.append(" OR ");
      }
      sql.append('(');
      for (int j = 0; j < i; j++) {
        sql.append(quotedKey.get(j)).append(" = ").append(literal(key[j])).append(" AND ");
      }
      String op = i == key.length - 1 ? lastOp : strict;
      sql.append(quotedKey.get(i)).append(' ').append(op).append(' ').append(literal(key[i]));
      sql.append(')');
    }
    if (key.length > 1) {
      // The leading column's bound, which the planner turns into an index range scan.
      String lead = strict.equals(">") ? " >= " : " <= ";
      sql.append(") AND (").append(quotedKey.get(0)).append(lead).append(literal(key[0]));
    }
    return sql.append(')').toString();
  }

  /**
   * A key value as a SQL literal; text in the escape form that is read the same whatever {@code
   * standard_conforming_strings} says.
   */
  static String literal(Object value) {
    if (value instanceof Long || value instanceof Integer) {
      return value.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    String text = value.toString();
    StringBuilder literal = new StringBuilder(text.length() + 4).append("E'");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'' || c == '\\') {
        literal.append(c);
      }
      literal.append(c);
    }
    return literal.append('\'').toString();
  }

  private static String targetColumnOf(RowMapping mapping, String sourceColumn) {
    for (String column : mapping.targetLayout().columns()) {
      if (mapping.sourceColumnOf(column).filter(sourceColumn::equals).isPresent()) {
        return column;
      }
    }
    throw new IllegalStateException("key column " + sourceColumn + " is not copied");
  }

  private static String quoted(TableShape table) {
    return table.dialect().quote(table.schema()) + "." + table.dialect().quote(table.table());
  }
}
