package dev.zdm.jdbc.rows;

import dev.zdm.ZdmException;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads chosen columns of one table, on either side of a migration, without locks: a key range in
 * key order, the key at a position of a range, or the rows of given keys. The verifier's reads; the
 * backfill and the relay read through {@link RowReader}. Keys are {@link RowKey}s in this table's
 * key order, in the form the outbox writes; a range with a null {@code last} has no upper bound.
 * Immutable and thread-safe; each call uses the connection it is given.
 */
public final class TableReads {

  private final TableShape table;
  private final List<String> columns;
  private final ColumnCodec[] codecs;
  private final ColumnShape[] keyColumns;
  private final ColumnCodec[] keyCodecs;
  private final int[] keyPositions;
  private final String quotedTable;
  private final String select;
  private final String keySelect;
  private final String orderBy;
  private final List<String> quotedKey;
  private final List<String> keyPlaceholders;
  private final KeysetRange.Condition after;
  private final KeysetRange.Condition atMost;

  /**
   * Creates the reads of some columns of a table.
   *
   * @param table the table
   * @param columns the columns to read, in order; they must include the primary key's
   * @throws ZdmException if a column is unknown or of an unsupported kind, or a key column is
   *     missing
   */
  public TableReads(TableShape table, List<String> columns) {
    Dialect dialect = table.dialect();
    RowSql sql = dialect.rows();
    this.table = table;
    this.columns = List.copyOf(columns);
    this.codecs = new ColumnCodec[columns.size()];
    List<String> selects = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i);
      ColumnShape column =
          table
              .column(name)
              .orElseThrow(
                  () ->
                      new ZdmException(
                          "table " + table.qualifiedName() + " has no column '" + name + "'"));
      codecs[i] = sql.codec(table.qualifiedName(), column);
      selects.add(sql.selectExpression(column, dialect.quote(name)));
    }
    List<ColumnShape> key = table.primaryKey();
    this.keyColumns = key.toArray(ColumnShape[]::new);
    this.keyCodecs = new ColumnCodec[key.size()];
    this.keyPositions = new int[key.size()];
    List<String> quoted = new ArrayList<>();
    List<String> placeholders = new ArrayList<>();
    List<String> keySelects = new ArrayList<>();
    for (int k = 0; k < key.size(); k++) {
      keyPositions[k] = this.columns.indexOf(key.get(k).name());
      if (keyPositions[k] < 0) {
        throw new ZdmException(
            "reads of table "
                + table.qualifiedName()
                + " need key column '"
                + key.get(k).name()
                + "'");
      }
      keyCodecs[k] = sql.codec(table.qualifiedName(), key.get(k));
      String q = dialect.quote(key.get(k).name());
      quoted.add(q);
      placeholders.add(sql.placeholder(key.get(k)));
      keySelects.add(sql.selectExpression(key.get(k), q));
    }
    this.quotedKey = List.copyOf(quoted);
    this.keyPlaceholders = List.copyOf(placeholders);
    this.quotedTable = dialect.quote(table.schema()) + "." + dialect.quote(table.table());
    this.select =
        sql.readPrefix() + "SELECT " + String.join(", ", selects) + " FROM " + quotedTable;
    this.keySelect =
        sql.readPrefix() + "SELECT " + String.join(", ", keySelects) + " FROM " + quotedTable;
    this.orderBy = " ORDER BY " + String.join(", ", quotedKey);
    this.after = KeysetRange.after(quotedKey, keyPlaceholders);
    this.atMost = KeysetRange.atMost(quotedKey, keyPlaceholders);
  }

  /**
   * Returns the table.
   *
   * @return its shape
   */
  public TableShape table() {
    return table;
  }

  /**
   * Returns the quoted, schema-qualified table name.
   *
   * @return such as {@code "public"."orders"}
   */
  public String quotedTable() {
    return quotedTable;
  }

  /**
   * Writes the {@code WHERE} clause of a range, with a leading space; empty for an unbounded range.
   *
   * @param hasAfter whether the range has a lower bound
   * @param hasLast whether it has an upper bound
   * @return the clause
   */
  public String where(boolean hasAfter, boolean hasLast) {
    List<String> conditions = new ArrayList<>();
    if (hasAfter) {
      conditions.add(after.sql());
    }
    if (hasLast) {
      conditions.add(atMost.sql());
    }
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /**
   * Binds a range's bounds to the parameters of {@link #where}.
   *
   * @param statement the statement
   * @param first the first parameter's index
   * @param from the lower bound or null
   * @param last the upper bound or null
   * @return the index of the next parameter
   * @throws SQLException if the driver fails
   */
  public int bindRange(PreparedStatement statement, int first, RowKey from, RowKey last)
      throws SQLException {
    int parameter = first;
    if (from != null) {
      Object[] values = keyValues(from);
      for (int k : after.keyPositions()) {
        keyCodecs[k].bind(statement, parameter++, values[k]);
      }
    }
    if (last != null) {
      Object[] values = keyValues(last);
      for (int k : atMost.keyPositions()) {
        keyCodecs[k].bind(statement, parameter++, values[k]);
      }
    }
    return parameter;
  }

  /**
   * Reads the rows of a range in key order, streaming them from the database.
   *
   * @param connection a connection to the table's database
   * @param from read keys greater than this one; null for none
   * @param last read keys up to and including this one; null for no bound
   * @return the rows' values in the order of the columns
   * @throws SQLException if the database fails
   */
  public List<Object[]> range(Connection connection, RowKey from, RowKey last) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(select + where(from != null, last != null) + orderBy)) {
      bindRange(query, 1, from, last);
      query.setFetchSize(1000);
      return rows(query);
    }
  }

  /**
   * Returns the key at a position of a range in key order.
   *
   * @param connection a connection to the table's database
   * @param from the range's lower bound or null
   * @param last its upper bound or null
   * @param offset how many keys come before it
   * @return the key, or null if the range holds no more than {@code offset} rows
   * @throws SQLException if the database fails
   */
  public RowKey keyAt(Connection connection, RowKey from, RowKey last, long offset)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            keySelect + where(from != null, last != null) + orderBy + " LIMIT 1 OFFSET ?")) {
      int parameter = bindRange(query, 1, from, last);
      query.setLong(parameter, offset);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return null;
        }
        Object[] values = new Object[keyCodecs.length];
        for (int k = 0; k < values.length; k++) {
          values[k] = keyCodecs[k].read(row, k + 1);
        }
        return outboxKey(values);
      }
    }
  }

  /**
   * Reads the rows of given keys.
   *
   * @param connection a connection to the table's database
   * @param keys keys in this table's key order
   * @return the rows found, in no particular order
   * @throws SQLException if the database fails
   */
  public List<Object[]> byKeys(Connection connection, Collection<RowKey> keys) throws SQLException {
    List<RowKey> all = new ArrayList<>(keys);
    List<Object[]> rows = new ArrayList<>();
    for (int start = 0; start < all.size(); start += KeyChunks.MAX_KEYS) {
      List<RowKey> chunk = all.subList(start, Math.min(all.size(), start + KeyChunks.MAX_KEYS));
      int sizeClass = KeyChunks.sizeClass(chunk.size());
      try (PreparedStatement query =
          connection.prepareStatement(
              select
                  + " WHERE "
                  + KeyChunks.inList(quotedKey, keyPlaceholders, KeyChunks.size(sizeClass)))) {
        int parameter = 1;
        for (int i = 0; i < KeyChunks.size(sizeClass); i++) {
          Object[] values = keyValues(chunk.get(Math.min(i, chunk.size() - 1)));
          for (int k = 0; k < values.length; k++) {
            keyCodecs[k].bind(query, parameter++, values[k]);
          }
        }
        rows.addAll(rows(query));
      }
    }
    return rows;
  }

  /**
   * Returns the key of a row these reads returned.
   *
   * @param row the row's values
   * @return its key in this table's key order
   */
  public RowKey keyOf(Object[] row) {
    Object[] values = new Object[keyPositions.length];
    for (int k = 0; k < values.length; k++) {
      values[k] = row[keyPositions[k]];
    }
    return outboxKey(values);
  }

  private List<Object[]> rows(PreparedStatement query) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (ResultSet result = query.executeQuery()) {
      while (result.next()) {
        Object[] values = new Object[codecs.length];
        for (int i = 0; i < codecs.length; i++) {
          values[i] = codecs[i].read(result, i + 1);
        }
        rows.add(values);
      }
    }
    return rows;
  }

  /** The outbox's form of key values: instants as UTC ISO text, other times as ISO text. */
  static RowKey outboxKey(Object[] values) {
    Object[] key = new Object[values.length];
    for (int k = 0; k < key.length; k++) {
      Object value = values[k];
      if (value instanceof java.time.OffsetDateTime odt) {
        value = odt.toInstant().toString();
      } else if (value instanceof java.time.temporal.Temporal) {
        value = value.toString();
      }
      key[k] = value;
    }
    return RowKey.of(key);
  }

  private Object[] keyValues(RowKey key) {
    if (key.size() != keyColumns.length) {
      throw new ZdmException(
          "a key of table "
              + table.qualifiedName()
              + " needs "
              + keyColumns.length
              + " values, got "
              + key.size());
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
                + "': "
                + e.getMessage(),
            e);
      }
    }
    return values;
  }
}
