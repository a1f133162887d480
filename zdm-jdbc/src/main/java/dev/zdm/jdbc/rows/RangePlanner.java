package dev.zdm.jdbc.rows;

import dev.zdm.backfill.KeyRange;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.Dialect;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a source table's primary-key space into the ranges a backfill copies concurrently. The
 * largest key that exists now closes the last range, so the backfill never chases new inserts (the
 * relay carries those). When the key's leading column is an integer, the ranges split its {@code
 * MIN..MAX} evenly and each boundary is the first existing key at or above a split point (a few
 * indexed lookups). For other keys (text, UUID, dates) the key index is walked once in key order,
 * taking every {@code rows / ranges}-th key as a boundary. Immutable and thread-safe.
 */
public final class RangePlanner {

  private final TableShape table;
  private final String readPrefix;
  private final String keySelect;
  private final List<String> quotedKey;
  private final ColumnCodec[] codecs;
  private final RowReader reader;

  /**
   * Creates a planner for the source table of a pair.
   *
   * @param pair the table pair
   */
  public RangePlanner(TablePair pair) {
    this(pair.source(), pair.reader());
  }

  /**
   * Creates a planner for one table, such as the table of an in-place job.
   *
   * @param table the table's shape
   */
  public RangePlanner(TableShape table) {
    this(
        table,
        new RowReader(
            table,
            dev.zdm.mapping.RowLayout.of(
                table.primaryKey().stream().map(ColumnShape::name).toList())));
  }

  private RangePlanner(TableShape table, RowReader reader) {
    this.table = table;
    this.reader = reader;
    Dialect dialect = table.dialect();
    RowSql sql = dialect.rows();
    this.readPrefix = sql.readPrefix();
    List<String> select = new ArrayList<>();
    List<String> quoted = new ArrayList<>();
    List<ColumnShape> key = table.primaryKey();
    this.codecs = new ColumnCodec[key.size()];
    for (int k = 0; k < key.size(); k++) {
      String q = dialect.quote(key.get(k).name());
      quoted.add(q);
      select.add(sql.selectExpression(key.get(k), q));
      codecs[k] = sql.codec(table.qualifiedName(), key.get(k));
    }
    this.quotedKey = List.copyOf(quoted);
    this.keySelect = String.join(", ", select);
  }

  /**
   * Plans the ranges from the keys that exist now.
   *
   * @param source a connection to the source database
   * @param ranges how many ranges to aim for; fewer when the table has fewer distinct boundaries
   * @return the ranges in key order, numbered from 0; one range with no bounds for an empty table
   * @throws SQLException if the database fails
   */
  public List<KeyRange> plan(Connection source, int ranges) throws SQLException {
    RowKey max = edgeKey(source, true);
    if (max == null) {
      return List.of(new KeyRange(0, null, null));
    }
    List<RowKey> bounds = ranges <= 1 ? List.of() : boundaries(source, ranges, max);
    List<KeyRange> planned = new ArrayList<>();
    RowKey after = null;
    for (RowKey bound : bounds) {
      planned.add(new KeyRange(planned.size(), after, bound));
      after = bound;
    }
    planned.add(new KeyRange(planned.size(), after, max));
    return planned;
  }

  private List<RowKey> boundaries(Connection source, int ranges, RowKey max) throws SQLException {
    ColumnShape lead = table.primaryKey().get(0);
    List<RowKey> bounds = new ArrayList<>();
    if (lead.kind() == ColumnKind.INTEGER) {
      BigDecimal[] minMax = leadMinMax(source);
      BigDecimal step =
          minMax[1].subtract(minMax[0]).divide(BigDecimal.valueOf(ranges), 0, RoundingMode.FLOOR);
      if (step.signum() == 0) {
        return bounds;
      }
      for (int i = 1; i < ranges; i++) {
        RowKey bound = firstKeyAtLeast(source, minMax[0].add(step.multiply(BigDecimal.valueOf(i))));
        add(bounds, bound, max);
      }
      return bounds;
    }
    long rows = count(source);
    long every = rows / ranges;
    if (every < 1) {
      return bounds;
    }
    try (PreparedStatement walk =
        source.prepareStatement(
            readPrefix + "SELECT " + keySelect + " FROM " + table.quotedName() + orderBy(false))) {
      walk.setFetchSize(1000);
      try (ResultSet keys = walk.executeQuery()) {
        long n = 0;
        while (keys.next() && bounds.size() < ranges - 1) {
          if (++n % every == 0) {
            add(bounds, key(keys), max);
          }
        }
      }
    }
    return bounds;
  }

  private static void add(List<RowKey> bounds, RowKey bound, RowKey max) {
    if (bound != null
        && !bound.equals(max)
        && (bounds.isEmpty() || !bounds.get(bounds.size() - 1).equals(bound))) {
      bounds.add(bound);
    }
  }

  private RowKey edgeKey(Connection source, boolean largest) throws SQLException {
    try (PreparedStatement query =
            source.prepareStatement(
                readPrefix
                    + "SELECT "
                    + keySelect
                    + " FROM "
                    + table.quotedName()
                    + orderBy(largest)
                    + " LIMIT 1");
        ResultSet row = query.executeQuery()) {
      return row.next() ? key(row) : null;
    }
  }

  private RowKey firstKeyAtLeast(Connection source, BigDecimal value) throws SQLException {
    try (PreparedStatement query =
        source.prepareStatement(
            readPrefix
                + "SELECT "
                + keySelect
                + " FROM "
                + table.quotedName()
                + " WHERE "
                + quotedKey.get(0)
                + " >= ?"
                + orderBy(false)
                + " LIMIT 1")) {
      codecs[0].bind(query, 1, value.longValueExact());
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? key(row) : null;
      }
    }
  }

  private BigDecimal[] leadMinMax(Connection source) throws SQLException {
    String lead = quotedKey.get(0);
    try (PreparedStatement query =
            source.prepareStatement(
                "SELECT MIN(" + lead + "), MAX(" + lead + ") FROM " + table.quotedName());
        ResultSet row = query.executeQuery()) {
      row.next();
      return new BigDecimal[] {row.getBigDecimal(1), row.getBigDecimal(2)};
    }
  }

  private long count(Connection source) throws SQLException {
    try (PreparedStatement query =
            source.prepareStatement("SELECT COUNT(*) FROM " + table.quotedName());
        ResultSet row = query.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private String orderBy(boolean descending) {
    List<String> terms = new ArrayList<>();
    for (String column : quotedKey) {
      terms.add(descending ? column + " DESC" : column);
    }
    return " ORDER BY " + String.join(", ", terms);
  }

  private RowKey key(ResultSet row) throws SQLException {
    Object[] values = new Object[codecs.length];
    for (int k = 0; k < codecs.length; k++) {
      values[k] = codecs[k].read(row, k + 1);
    }
    return reader.keyOf(values);
  }
}
