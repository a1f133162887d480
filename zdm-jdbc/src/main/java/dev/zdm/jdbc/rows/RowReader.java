package dev.zdm.jdbc.rows;

import dev.zdm.ZdmException;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.Dialect;
import dev.zdm.mapping.Row;
import dev.zdm.mapping.RowLayout;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Re-reads the current rows of one source table for a batch of keys, in one query per {@value
 * KeyChunks#MAX_KEYS} keys: {@code SELECT ... WHERE (a, b) IN ((?, ?), ...)}, or {@code k IN (?,
 * ...)} for a single-column key. Key values from the outbox are converted to the types of the
 * source's key columns before they are bound, so the engine compares like with like and uses the
 * primary-key index.
 *
 * <p>Obtained from {@link TablePair#reader()}. Immutable and thread-safe; each call uses the
 * connection it is given and neither commits nor changes its settings.
 */
public final class RowReader {

  private final TableShape table;
  private final RowLayout layout;
  private final ColumnCodec[] codecs;
  private final int[] keyPositions;
  private final ColumnShape[] keyColumns;
  private final ColumnCodec[] keyCodecs;
  private final String selectHead;
  private final List<String> quotedKey;
  private final List<String> keyPlaceholders;
  private final AtomicReferenceArray<String> statements;
  private final AtomicReferenceArray<String> rangeStatements = new AtomicReferenceArray<>(4);
  private final KeysetRange.Condition afterCondition;
  private final KeysetRange.Condition atMostCondition;

  RowReader(TableShape table, RowLayout layout) {
    Dialect dialect = table.dialect();
    RowSql sql = dialect.rows();
    this.table = table;
    this.layout = layout;
    this.codecs = new ColumnCodec[layout.size()];
    List<String> select = new ArrayList<>();
    for (int i = 0; i < layout.size(); i++) {
      ColumnShape column = table.column(layout.columns().get(i)).orElseThrow();
      codecs[i] = sql.codec(table.qualifiedName(), column);
      select.add(sql.selectExpression(column, dialect.quote(column.name())));
    }
    List<ColumnShape> key = table.primaryKey();
    this.keyPositions = new int[key.size()];
    this.keyColumns = key.toArray(ColumnShape[]::new);
    this.keyCodecs = new ColumnCodec[key.size()];
    List<String> quoted = new ArrayList<>();
    List<String> placeholders = new ArrayList<>();
    for (int k = 0; k < key.size(); k++) {
      keyPositions[k] = layout.indexOf(key.get(k).name());
      keyCodecs[k] = sql.codec(table.qualifiedName(), key.get(k));
      quoted.add(dialect.quote(key.get(k).name()));
      placeholders.add(sql.placeholder(key.get(k)));
    }
    this.quotedKey = List.copyOf(quoted);
    this.keyPlaceholders = List.copyOf(placeholders);
    this.selectHead =
        sql.readPrefix()
            + "SELECT "
            + String.join(", ", select)
            + " FROM "
            + table.quotedName()
            + " WHERE ";
    this.statements = new AtomicReferenceArray<>(KeyChunks.sizeClasses());
    this.afterCondition = KeysetRange.after(quotedKey, keyPlaceholders);
    this.atMostCondition = KeysetRange.atMost(quotedKey, keyPlaceholders);
  }

  /**
   * Reads the next rows of a key range in key order, holding a shared lock on each until the
   * caller's transaction ends: {@code SELECT ... WHERE key > after AND key <= last ORDER BY key
   * LIMIT n} with the engine's share-lock clause. Rows are streamed from the database ({@code
   * setFetchSize}); memory holds at most {@code limit} rows.
   *
   * @param source a connection to the source database with auto-commit off; its transaction is the
   *     caller's and must stay open until the rows are written elsewhere
   * @param after read keys greater than this one; null for the table's first key
   * @param last read keys up to and including this one; null for no upper bound
   * @param limit the most rows to read, at least 1
   * @return the rows in key order
   * @throws SQLException if the database fails (a lock wait timeout or deadlock included)
   * @throws ZdmException if a bound does not fit the key columns, or a value cannot be read exactly
   */
  public List<Row> readRange(Connection source, RowKey after, RowKey last, int limit)
      throws SQLException {
    Object[] from = after == null ? null : keyValues(after);
    Object[] to = last == null ? null : keyValues(last);
    try (PreparedStatement query =
        source.prepareStatement(rangeStatement(from != null, to != null))) {
      int parameter = 1;
      if (from != null) {
        for (int k : afterCondition.keyPositions()) {
          keyCodecs[k].bind(query, parameter++, from[k]);
        }
      }
      if (to != null) {
        for (int k : atMostCondition.keyPositions()) {
          keyCodecs[k].bind(query, parameter++, to[k]);
        }
      }
      query.setInt(parameter, limit);
      query.setFetchSize(Math.min(limit, 1000));
      List<Row> rows = new ArrayList<>(Math.min(limit, 10_000));
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          Object[] values = new Object[codecs.length];
          for (int i = 0; i < codecs.length; i++) {
            values[i] = codecs[i].read(result, i + 1);
          }
          rows.add(Row.of(layout, values));
        }
      }
      return rows;
    }
  }

  /**
   * Returns the primary key of a row this reader read, in the form the outbox and checkpoints
   * store: dates and times as ISO text (instants in UTC), UUIDs as text.
   *
   * @param row a row in this reader's layout
   * @return its key
   */
  public RowKey keyOf(Row row) {
    Object[] key = new Object[keyPositions.length];
    for (int k = 0; k < key.length; k++) {
      key[k] = row.get(keyPositions[k]);
    }
    return keyOf(key);
  }

  /**
   * Reads a primary key from a result set whose columns, from {@code firstColumn} on, are this
   * table's key columns in key order, as stored by a table of the same column types.
   *
   * @param result a result set positioned on a row
   * @param firstColumn the position of the first key column (1-based)
   * @return the key, in the form {@link #keyOf(Row)} returns
   * @throws SQLException if the database fails
   */
  public RowKey readKey(ResultSet result, int firstColumn) throws SQLException {
    Object[] values = new Object[keyCodecs.length];
    for (int k = 0; k < values.length; k++) {
      values[k] = keyCodecs[k].read(result, firstColumn + k);
    }
    return keyOf(values);
  }

  /**
   * Returns a key's values as the key columns' codecs bind them, checked against the key's types.
   *
   * @param key a key of this table
   * @return one value per key column, in key order
   * @throws ZdmException if the key does not fit the key columns
   */
  public Object[] keyValuesOf(RowKey key) {
    return keyValues(key);
  }

  /** Turns key values as the codecs read them into a key. */
  RowKey keyOf(Object[] values) {
    return TableReads.outboxKey(values);
  }

  private String rangeStatement(boolean hasAfter, boolean hasLast) {
    int variant = (hasAfter ? 1 : 0) + (hasLast ? 2 : 0);
    String sql = rangeStatements.get(variant);
    if (sql == null) {
      List<String> conditions = new ArrayList<>();
      if (hasAfter) {
        conditions.add(afterCondition.sql());
      }
      if (hasLast) {
        conditions.add(atMostCondition.sql());
      }
      sql =
          selectHead
              + (conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions))
              + " ORDER BY "
              + String.join(", ", quotedKey)
              + " LIMIT ?"
              + table.dialect().rows().shareLockClause();
      rangeStatements.set(variant, sql);
    }
    return sql;
  }

  /**
   * Returns the source table this reader reads.
   *
   * @return the table's shape
   */
  public TableShape table() {
    return table;
  }

  /**
   * Returns the columns of the rows this reader returns: every source column zdm can carry.
   *
   * @return the layout
   */
  public RowLayout layout() {
    return layout;
  }

  /**
   * Reads the rows that exist now for the given keys.
   *
   * @param source a connection to the source database; its transaction is the caller's
   * @param keys primary keys of this table as captured in the outbox; duplicates are read once
   * @return the rows found, and the keys that matched no row
   * @throws SQLException if the database fails
   * @throws ZdmException if a key does not fit the table's key columns, or a value cannot be read
   *     exactly
   */
  public FoundRows read(Connection source, Collection<RowKey> keys) throws SQLException {
    if (keys.isEmpty()) {
      return new FoundRows(List.of(), List.of());
    }
    Map<KeyIdentity, List<RowKey>> wanted = new LinkedHashMap<>();
    List<Object[]> distinct = new ArrayList<>();
    for (RowKey key : keys) {
      Object[] values = keyValues(key);
      List<RowKey> same = wanted.computeIfAbsent(KeyIdentity.of(values), k -> new ArrayList<>(1));
      if (same.isEmpty()) {
        distinct.add(values);
      }
      same.add(key);
    }
    List<Row> rows = new ArrayList<>(distinct.size());
    Set<KeyIdentity> seen = new HashSet<>();
    for (int start = 0; start < distinct.size(); start += KeyChunks.MAX_KEYS) {
      List<Object[]> chunk =
          distinct.subList(start, Math.min(distinct.size(), start + KeyChunks.MAX_KEYS));
      readChunk(source, chunk, rows, seen, wanted);
    }
    List<RowKey> missing = new ArrayList<>();
    wanted.values().forEach(missing::addAll);
    return new FoundRows(rows, missing);
  }

  private void readChunk(
      Connection source,
      List<Object[]> chunk,
      List<Row> rows,
      Set<KeyIdentity> seen,
      Map<KeyIdentity, List<RowKey>> wanted)
      throws SQLException {
    int sizeClass = KeyChunks.sizeClass(chunk.size());
    try (PreparedStatement query = source.prepareStatement(statement(sizeClass))) {
      int parameter = 1;
      for (int i = 0; i < KeyChunks.size(sizeClass); i++) {
        // Padding repeats the last key: IN ignores duplicates.
        Object[] key = chunk.get(Math.min(i, chunk.size() - 1));
        for (int k = 0; k < key.length; k++) {
          keyCodecs[k].bind(query, parameter++, key[k]);
        }
      }
      try (ResultSet result = query.executeQuery()) {
        Object[] keyValues = new Object[keyPositions.length];
        while (result.next()) {
          Object[] values = new Object[codecs.length];
          for (int i = 0; i < codecs.length; i++) {
            values[i] = codecs[i].read(result, i + 1);
          }
          for (int k = 0; k < keyPositions.length; k++) {
            keyValues[k] = values[keyPositions[k]];
          }
          KeyIdentity identity = KeyIdentity.of(keyValues);
          // Under a case- or pad-insensitive collation one row can answer two keys.
          if (seen.add(identity)) {
            rows.add(Row.of(layout, values));
          }
          wanted.remove(identity);
        }
      }
    }
  }

  /** Converts an outbox key to the Java types of the key columns, in key order. */
  Object[] keyValues(RowKey key) {
    if (key.size() != keyColumns.length) {
      throw new ZdmException(
          "a key of table "
              + table.qualifiedName()
              + " has "
              + keyColumns.length
              + " columns "
              + quotedKey
              + ", but the outbox holds one with "
              + key.size()
              + " values; was the primary key changed while zdm was running?");
    }
    Object[] values = new Object[keyColumns.length];
    for (int k = 0; k < values.length; k++) {
      try {
        values[k] = ValueConversion.fromKey(keyColumns[k].kind(), key.values().get(k));
      } catch (IllegalArgumentException e) {
        throw new ZdmException(
            "a key of table "
                + table.qualifiedName()
                + " does not fit key column '"
                + keyColumns[k].name()
                + "' ("
                + keyColumns[k].describeType()
                + "): "
                + e.getMessage(),
            e);
      }
    }
    return values;
  }

  private String statement(int sizeClass) {
    String sql = statements.get(sizeClass);
    if (sql == null) {
      sql = selectHead + KeyChunks.inList(quotedKey, keyPlaceholders, KeyChunks.size(sizeClass));
      statements.set(sizeClass, sql);
    }
    return sql;
  }

  @Override
  public String toString() {
    return "RowReader[" + table.qualifiedName() + "]";
  }
}
