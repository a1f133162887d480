package dev.zdm.jdbc.rows;

import dev.zdm.change.RowKey;
import dev.zdm.jdbc.Dialect;
import dev.zdm.mapping.RowLayout;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyset conditions over one table's primary key, for work that runs on key ranges inside one
 * database (in-place jobs): the condition {@code after < key <= last} with parameter markers and
 * their binding, and the key {@code n} places after a cursor. Immutable and thread-safe.
 */
public final class KeysetSql {

  private final TableShape table;
  private final RowReader reader;
  private final ColumnCodec[] codecs;
  private final List<String> quotedKey;
  private final KeysetRange.Condition after;
  private final KeysetRange.Condition atMost;
  private final String keySelect;

  /**
   * Creates the conditions of a table's key.
   *
   * @param table the table's shape
   */
  public KeysetSql(TableShape table) {
    this.table = table;
    Dialect dialect = table.dialect();
    RowSql sql = dialect.rows();
    List<ColumnShape> key = table.primaryKey();
    this.reader = new RowReader(table, RowLayout.of(key.stream().map(ColumnShape::name).toList()));
    this.codecs = new ColumnCodec[key.size()];
    List<String> quoted = new ArrayList<>();
    List<String> marks = new ArrayList<>();
    List<String> select = new ArrayList<>();
    for (int k = 0; k < key.size(); k++) {
      codecs[k] = sql.codec(table.qualifiedName(), key.get(k));
      String q = dialect.quote(key.get(k).name());
      quoted.add(q);
      marks.add(sql.placeholder(key.get(k)));
      select.add(sql.selectExpression(key.get(k), q));
    }
    this.quotedKey = List.copyOf(quoted);
    this.after = KeysetRange.after(quotedKey, marks);
    this.atMost = KeysetRange.atMost(quotedKey, marks);
    this.keySelect = String.join(", ", select);
  }

  /**
   * Returns the condition {@code after < key <= last}, with parameter markers.
   *
   * @param hasAfter false when the range starts at the table's first key
   * @return SQL to put in a {@code WHERE} clause; bind it with {@link #bind}
   */
  public String condition(boolean hasAfter) {
    return hasAfter ? "(" + after.sql() + " AND " + atMost.sql() + ")" : atMost.sql();
  }

  /**
   * Binds the parameters of {@link #condition(boolean)}.
   *
   * @param statement the statement
   * @param first the position of the condition's first marker
   * @param afterKey the exclusive lower bound, or null
   * @param last the inclusive upper bound
   * @return the position after the condition's last marker
   * @throws SQLException if binding fails
   */
  public int bind(PreparedStatement statement, int first, RowKey afterKey, RowKey last)
      throws SQLException {
    int parameter = first;
    if (afterKey != null) {
      Object[] values = reader.keyValuesOf(afterKey);
      for (int k : after.keyPositions()) {
        codecs[k].bind(statement, parameter++, values[k]);
      }
    }
    Object[] values = reader.keyValuesOf(last);
    for (int k : atMost.keyPositions()) {
      codecs[k].bind(statement, parameter++, values[k]);
    }
    return parameter;
  }

  /**
   * Returns the {@code n}-th key after a cursor, not beyond a last key: the end of a chunk of
   * {@code n} keys. Reads the key index only.
   *
   * @param connection a connection to the table's database
   * @param afterKey the cursor (exclusive), or null for the table's start
   * @param last the range's last key
   * @param n how many keys, at least 1
   * @return the key, or null when fewer than {@code n} keys are left in the range
   * @throws SQLException if the database fails
   */
  public RowKey nthKey(Connection connection, RowKey afterKey, RowKey last, int n)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT "
                + keySelect
                + " FROM "
                + table.quotedName()
                + " WHERE "
                + condition(afterKey != null)
                + " ORDER BY "
                + String.join(", ", quotedKey)
                + " LIMIT 1 OFFSET ?")) {
      int next = bind(query, 1, afterKey, last);
      query.setInt(next, n - 1);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? reader.readKey(row, 1) : null;
      }
    }
  }

  /**
   * Counts the keys in a range.
   *
   * @param connection a connection to the table's database
   * @param afterKey the exclusive lower bound, or null
   * @param last the inclusive upper bound
   * @return the count
   * @throws SQLException if the database fails
   */
  public long count(Connection connection, RowKey afterKey, RowKey last) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM "
                + table.quotedName()
                + " WHERE "
                + condition(afterKey != null))) {
      bind(query, 1, afterKey, last);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
