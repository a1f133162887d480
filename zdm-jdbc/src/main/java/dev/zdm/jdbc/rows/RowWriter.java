package dev.zdm.jdbc.rows;

import dev.zdm.ZdmException;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.Dialect;
import dev.zdm.mapping.Row;
import dev.zdm.mapping.RowMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Writes source rows into the target table of a {@link TablePair}, mapped and in batches: upserts
 * ({@code INSERT ... ON CONFLICT DO UPDATE} in PostgreSQL, {@code INSERT ... ON DUPLICATE KEY
 * UPDATE} in MariaDB, {@code MERGE ... KEY} in H2) of {@link #rowsPerStatement()} rows per
 * statement, and deletes of up to {@value KeyChunks#MAX_KEYS} keys per statement. Writing the same
 * rows twice leaves the same target.
 *
 * <p>The caller owns the transaction: nothing here commits, rolls back or changes the connection's
 * settings, so a relay batch or backfill chunk is one target transaction. Obtained from {@link
 * TablePair#writer()}. Immutable and thread-safe.
 */
public final class RowWriter {

  /** Upper bound on one statement's values, well under MariaDB's default 16 MiB packet. */
  private static final long BYTES_PER_STATEMENT = 4L << 20;

  private final TablePair pair;
  private final RowMapping mapping;
  private final ColumnShape[] columns;
  private final ColumnCodec[] codecs;
  private final int[] keyPositions;
  private final ColumnCodec[] keyCodecs;
  private final String table;
  private final RowSql sql;
  private final List<String> quotedColumns;
  private final List<String> quotedKey;
  private final List<String> keyPlaceholders;
  private final String rowValues;
  private final int rowsPerStatement;
  private final AtomicReferenceArray<String> upserts;
  private final AtomicReferenceArray<String> deletes;

  RowWriter(TablePair pair, int rowsPerStatement) {
    TableShape target = pair.target();
    Dialect dialect = target.dialect();
    this.pair = pair;
    this.mapping = pair.rowMapping();
    this.sql = dialect.rows();
    this.table = target.quotedName();
    List<String> targetColumns = mapping.targetLayout().columns();
    this.columns = new ColumnShape[targetColumns.size()];
    this.codecs = new ColumnCodec[columns.length];
    List<String> quoted = new ArrayList<>();
    List<String> placeholders = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      columns[i] = target.column(targetColumns.get(i)).orElseThrow();
      codecs[i] = sql.codec(target.qualifiedName(), columns[i]);
      quoted.add(dialect.quote(columns[i].name()));
      placeholders.add(sql.placeholder(columns[i]));
    }
    this.quotedColumns = List.copyOf(quoted);
    this.rowValues = "(" + String.join(", ", placeholders) + ")";
    List<ColumnShape> key = target.primaryKey();
    this.keyPositions = new int[key.size()];
    this.keyCodecs = new ColumnCodec[key.size()];
    List<String> quotedKeyColumns = new ArrayList<>();
    List<String> keyMarkers = new ArrayList<>();
    for (int k = 0; k < key.size(); k++) {
      keyPositions[k] = mapping.targetLayout().indexOf(key.get(k).name());
      keyCodecs[k] = codecs[keyPositions[k]];
      quotedKeyColumns.add(dialect.quote(key.get(k).name()));
      keyMarkers.add(sql.placeholder(key.get(k)));
    }
    this.quotedKey = List.copyOf(quotedKeyColumns);
    this.keyPlaceholders = List.copyOf(keyMarkers);
    this.rowsPerStatement =
        Math.max(1, Math.min(rowsPerStatement, sql.maxParameters() / columns.length));
    this.upserts = new AtomicReferenceArray<>(this.rowsPerStatement + 1);
    this.deletes = new AtomicReferenceArray<>(KeyChunks.sizeClasses());
  }

  /**
   * Returns a writer that puts a different number of rows into each upsert statement.
   *
   * @param rows 1 for a JDBC batch of single-row statements, more for multi-row {@code VALUES}
   *     lists; capped so that a statement has at most the engine's parameter limit
   * @return the new writer; this one is unchanged
   * @throws ZdmException if rows is not between 1 and 1000
   */
  public RowWriter withRowsPerStatement(int rows) {
    if (rows < 1 || rows > KeyChunks.MAX_KEYS) {
      throw new ZdmException("rowsPerStatement must be between 1 and 1000, was " + rows);
    }
    return new RowWriter(pair, rows);
  }

  /**
   * Returns how many rows one upsert statement carries at most.
   *
   * @return at least 1
   */
  public int rowsPerStatement() {
    return rowsPerStatement;
  }

  /**
   * Deletes the target rows of keys that no longer exist, then upserts the rows found: the order
   * that keeps a key which a case-insensitive target collation equates with another from losing the
   * row just written.
   *
   * @param target a connection to the target database; its transaction is the caller's
   * @param found what a {@link RowReader} of the same pair returned
   * @throws SQLException if the database fails
   * @throws ZdmException as {@link #upsert} and {@link #delete}
   */
  public void apply(Connection target, FoundRows found) throws SQLException {
    delete(target, found.missingKeys());
    upsert(target, found.rows());
  }

  /**
   * Maps source rows and inserts them into the target, or updates the mapped columns of the target
   * rows with the same key. Rows with the same target key are written once, the last winning.
   *
   * @param target a connection to the target database; its transaction is the caller's
   * @param sourceRows rows in the layout of this pair's {@link RowReader}
   * @throws SQLException if the database refuses a row (the caller rolls back)
   * @throws ZdmException if a row has another layout, a computed column fails or returns a value
   *     its target column cannot take
   */
  public void upsert(Connection target, List<Row> sourceRows) throws SQLException {
    if (sourceRows.isEmpty()) {
      return;
    }
    Map<KeyIdentity, Object[]> byKey = new LinkedHashMap<>();
    long largest = 0;
    for (Row sourceRow : sourceRows) {
      Object[] values = targetValues(mapping.apply(sourceRow));
      byKey.put(KeyIdentity.of(keyOf(values)), values);
      largest = Math.max(largest, SizeEstimate.of(values));
    }
    List<Object[]> rows = new ArrayList<>(byKey.values());
    int perStatement =
        (int) Math.max(1, Math.min(rowsPerStatement, BYTES_PER_STATEMENT / Math.max(1, largest)));
    int full = rows.size() / perStatement;
    if (full > 0) {
      try (PreparedStatement statement = target.prepareStatement(upsertSql(perStatement))) {
        for (int chunk = 0; chunk < full; chunk++) {
          bindRows(statement, rows.subList(chunk * perStatement, (chunk + 1) * perStatement));
          if (full > 1) {
            statement.addBatch();
          }
        }
        if (full > 1) {
          statement.executeBatch();
        } else {
          statement.executeUpdate();
        }
      }
    }
    int rest = rows.size() - full * perStatement;
    if (rest > 0) {
      try (PreparedStatement statement = target.prepareStatement(upsertSql(rest))) {
        bindRows(statement, rows.subList(full * perStatement, rows.size()));
        statement.executeUpdate();
      }
    }
  }

  /**
   * Deletes the target rows of source keys.
   *
   * @param target a connection to the target database; its transaction is the caller's
   * @param sourceKeys primary keys of the source table, as captured in the outbox
   * @throws SQLException if the database fails
   * @throws ZdmException if a key does not fit the key columns
   */
  public void delete(Connection target, Collection<RowKey> sourceKeys) throws SQLException {
    if (sourceKeys.isEmpty()) {
      return;
    }
    Map<KeyIdentity, Object[]> distinct = new LinkedHashMap<>();
    for (RowKey sourceKey : sourceKeys) {
      List<Object> key = mapping.targetKey(Arrays.asList(pair.reader().keyValues(sourceKey)));
      Object[] values = new Object[key.size()];
      for (int k = 0; k < values.length; k++) {
        values[k] = convert(keyPositions[k], key.get(k));
      }
      distinct.putIfAbsent(KeyIdentity.of(values), values);
    }
    List<Object[]> keys = new ArrayList<>(distinct.values());
    for (int start = 0; start < keys.size(); start += KeyChunks.MAX_KEYS) {
      List<Object[]> chunk = keys.subList(start, Math.min(keys.size(), start + KeyChunks.MAX_KEYS));
      int sizeClass = KeyChunks.sizeClass(chunk.size());
      try (PreparedStatement statement = target.prepareStatement(deleteSql(sizeClass))) {
        int parameter = 1;
        for (int i = 0; i < KeyChunks.size(sizeClass); i++) {
          Object[] key = chunk.get(Math.min(i, chunk.size() - 1));
          for (int k = 0; k < key.length; k++) {
            keyCodecs[k].bind(statement, parameter++, key[k]);
          }
        }
        statement.executeUpdate();
      }
    }
  }

  private Object[] targetValues(Row mapped) {
    Object[] values = new Object[columns.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = convert(i, mapped.get(i));
    }
    return values;
  }

  private Object convert(int position, Object value) {
    try {
      return ValueConversion.forWrite(columns[position].kind(), value);
    } catch (IllegalArgumentException e) {
      String column = columns[position].name();
      String origin =
          mapping
              .sourceColumnOf(column)
              .map(s -> "copied from source column '" + s + "'")
              .orElse("returned by compute(\"" + column + "\")");
      throw new ZdmException(
          "target table "
              + pair.target().qualifiedName()
              + " column '"
              + column
              + "' ("
              + columns[position].describeType()
              + "): the value "
              + origin
              + " is "
              + e.getMessage(),
          e);
    }
  }

  private Object[] keyOf(Object[] values) {
    Object[] key = new Object[keyPositions.length];
    for (int k = 0; k < key.length; k++) {
      key[k] = values[keyPositions[k]];
    }
    return key;
  }

  private void bindRows(PreparedStatement statement, List<Object[]> rows) throws SQLException {
    int parameter = 1;
    for (Object[] values : rows) {
      for (int i = 0; i < values.length; i++) {
        codecs[i].bind(statement, parameter++, values[i]);
      }
    }
  }

  private String upsertSql(int rows) {
    String statement = upserts.get(rows);
    if (statement == null) {
      StringBuilder values = new StringBuilder();
      for (int i = 0; i < rows; i++) {
        values.append(i == 0 ? "" : ", ").append(rowValues);
      }
      statement =
          sql.writePrefix() + sql.upsert(table, quotedColumns, quotedKey, values.toString());
      upserts.set(rows, statement);
    }
    return statement;
  }

  private String deleteSql(int sizeClass) {
    String statement = deletes.get(sizeClass);
    if (statement == null) {
      statement =
          sql.writePrefix()
              + "DELETE FROM "
              + table
              + " WHERE "
              + KeyChunks.inList(quotedKey, keyPlaceholders, KeyChunks.size(sizeClass));
      deletes.set(sizeClass, statement);
    }
    return statement;
  }

  @Override
  public String toString() {
    return "RowWriter["
        + pair.target().qualifiedName()
        + ", "
        + rowsPerStatement
        + " rows per statement]";
  }
}
