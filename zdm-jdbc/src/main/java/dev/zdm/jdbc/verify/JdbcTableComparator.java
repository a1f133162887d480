package dev.zdm.jdbc.verify;

import dev.zdm.ZdmException;
import dev.zdm.backfill.KeyRange;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.backfill.RowEstimate;
import dev.zdm.jdbc.rows.ColumnKind;
import dev.zdm.jdbc.rows.ColumnShape;
import dev.zdm.jdbc.rows.RangePlanner;
import dev.zdm.jdbc.rows.TablePair;
import dev.zdm.jdbc.rows.TableReads;
import dev.zdm.mapping.Row;
import dev.zdm.mapping.RowLayout;
import dev.zdm.mapping.RowMapping;
import dev.zdm.verify.ChunkDigest;
import dev.zdm.verify.Difference;
import dev.zdm.verify.Side;
import dev.zdm.verify.TableComparator;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The {@link TableComparator} of one table pair over JDBC. Between two PostgreSQL databases, when
 * every target column is copied from a source column, a chunk's digest is computed inside each
 * database by one aggregate query, {@code count(*)} and {@code sum(hashtextextended(ROW(...)::text,
 * 0))}, so only two numbers cross the wire; instants are compared in UTC and JSON as {@code jsonb}.
 * Otherwise (different engines, computed columns) both sides' rows are streamed in key order, the
 * source's mapped to target rows, and digested in Java over {@link CanonicalValues}. Row-by-row
 * comparisons always use the canonical values. Thread-safe.
 */
public final class JdbcTableComparator implements TableComparator {

  private final String migration;
  private final TablePair pair;
  private final DataSource source;
  private final DataSource target;
  private final RowMapping mapping;
  private final TableReads sourceReads;
  private final TableReads targetReads;
  private final List<String> targetColumns;
  private final CanonicalValues canonical;
  private final int[] targetKeyOrder;
  private final String sourceChecksum;
  private final String targetChecksum;

  /**
   * Creates the comparator of a checked table pair.
   *
   * @param migration the migration, for messages
   * @param pair the table pair
   * @param source the source database
   * @param target the target database
   * @throws ZdmException if the target's primary key lists the key columns in another order
   */
  public JdbcTableComparator(
      String migration, TablePair pair, DataSource source, DataSource target) {
    this.migration = migration;
    this.pair = pair;
    this.source = Objects.requireNonNull(source, "source");
    this.target = Objects.requireNonNull(target, "target");
    this.mapping = pair.rowMapping();
    this.sourceReads = new TableReads(pair.source(), mapping.sourceLayout().columns());
    this.targetColumns = mapping.targetLayout().columns();
    this.targetReads = new TableReads(pair.target(), targetColumns);
    int keySize = pair.source().primaryKey().size();
    List<Object> positions = new ArrayList<>();
    for (int k = 0; k < keySize; k++) {
      positions.add(k);
    }
    List<Object> order = mapping.targetKey(positions);
    this.targetKeyOrder = order.stream().mapToInt(o -> (Integer) o).toArray();
    for (int k = 0; k < targetKeyOrder.length; k++) {
      if (targetKeyOrder[k] != k) {
        throw new ZdmException(
            migration
                + ": target table "
                + pair.target().qualifiedName()
                + " orders its primary-key columns differently from source table "
                + pair.source().qualifiedName()
                + "; the verifier compares key ranges and needs the same key order on both sides");
      }
    }
    ColumnShape[] targetShapes = new ColumnShape[targetColumns.size()];
    boolean[] sourcePadded = new boolean[targetShapes.length];
    boolean allCopied = true;
    for (int i = 0; i < targetShapes.length; i++) {
      targetShapes[i] = pair.target().column(targetColumns.get(i)).orElseThrow();
      String from = mapping.sourceColumnOf(targetColumns.get(i)).orElse(null);
      if (from == null) {
        allCopied = false;
      } else {
        sourcePadded[i] = CanonicalValues.isPadded(pair.source().column(from).orElseThrow());
      }
    }
    this.canonical = new CanonicalValues(targetShapes, sourcePadded);
    boolean postgres =
        pair.source().dialect().name().equals("postgresql")
            && pair.target().dialect().name().equals("postgresql");
    if (postgres && allCopied) {
      List<String> sourceExpressions = new ArrayList<>();
      List<String> targetExpressions = new ArrayList<>();
      for (int i = 0; i < targetShapes.length; i++) {
        String from = mapping.sourceColumnOf(targetColumns.get(i)).orElseThrow();
        boolean padded = sourcePadded[i] || CanonicalValues.isPadded(targetShapes[i]);
        sourceExpressions.add(
            postgresExpression(pair.source().column(from).orElseThrow(), from, padded));
        targetExpressions.add(postgresExpression(targetShapes[i], targetColumns.get(i), padded));
      }
      this.sourceChecksum = postgresChecksum(sourceReads, sourceExpressions);
      this.targetChecksum = postgresChecksum(targetReads, targetExpressions);
    } else {
      this.sourceChecksum = null;
      this.targetChecksum = null;
    }
  }

  private static String postgresExpression(ColumnShape column, String name, boolean padded) {
    String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
    if (column.kind() == ColumnKind.TIMESTAMP_TZ) {
      return "(" + quoted + " AT TIME ZONE 'UTC')";
    }
    if (column.kind() == ColumnKind.JSON) {
      return quoted + "::jsonb";
    }
    if (padded) {
      return "rtrim(" + quoted + "::text, ' ')";
    }
    return quoted;
  }

  private static String postgresChecksum(TableReads reads, List<String> expressions) {
    return "SELECT count(*), COALESCE(sum(hashtextextended(ROW("
        + String.join(", ", expressions)
        + ")::text, 0)), 0) FROM "
        + reads.quotedTable();
  }

  /**
   * Tells whether chunks are digested inside the databases.
   *
   * @return true between two PostgreSQL databases without computed columns
   */
  public boolean digestsInDatabase() {
    return sourceChecksum != null;
  }

  @Override
  public String table() {
    return pair.source().table();
  }

  @Override
  public List<KeyRange> plan(int rowsPerChunk) {
    try (Connection connection = source.getConnection()) {
      long rows = RowEstimate.of(connection, pair.source());
      int chunks = (int) Math.max(1, Math.min(100_000, (rows + rowsPerChunk - 1) / rowsPerChunk));
      List<KeyRange> planned = new RangePlanner(pair).plan(connection, chunks);
      List<KeyRange> open = new ArrayList<>(planned);
      KeyRange last = open.get(open.size() - 1);
      // Open-ended: rows either side holds beyond the source's largest key are compared too.
      open.set(open.size() - 1, new KeyRange(last.rangeNo(), last.after(), null));
      return open;
    } catch (SQLException e) {
      throw failure("planning the chunks of", e);
    }
  }

  @Override
  public ChunkDigest digest(Side side, KeyRange range) {
    boolean onSource = side == Side.SOURCE;
    TableReads reads = onSource ? sourceReads : targetReads;
    RowKey after = onSource ? range.after() : toTarget(range.after());
    RowKey last = onSource ? range.last() : toTarget(range.last());
    try (Connection connection = (onSource ? source : target).getConnection()) {
      String checksum = onSource ? sourceChecksum : targetChecksum;
      if (checksum != null) {
        try (PreparedStatement query =
            connection.prepareStatement(checksum + reads.where(after != null, last != null))) {
          reads.bindRange(query, 1, after, last);
          try (ResultSet row = query.executeQuery()) {
            row.next();
            BigDecimal sum = row.getBigDecimal(2);
            return new ChunkDigest(row.getLong(1), sum.toBigInteger().longValue());
          }
        }
      }
      long count = 0;
      long digest = 0;
      for (Object[] row : reads.range(connection, after, last)) {
        digest += CanonicalValues.hash(canonical.of(onSource ? mapped(row) : row));
        count++;
      }
      return new ChunkDigest(count, digest);
    } catch (SQLException e) {
      throw failure("digesting a chunk of", e);
    }
  }

  @Override
  public RowKey keyAt(Side side, KeyRange range, long offset) {
    boolean onSource = side == Side.SOURCE;
    try (Connection connection = (onSource ? source : target).getConnection()) {
      if (onSource) {
        return sourceReads.keyAt(connection, range.after(), range.last(), offset);
      }
      return fromTarget(
          targetReads.keyAt(connection, toTarget(range.after()), toTarget(range.last()), offset));
    } catch (SQLException e) {
      throw failure("splitting a chunk of", e);
    }
  }

  @Override
  public List<Difference> compareRange(KeyRange range, boolean withValues) {
    try (Connection s = source.getConnection();
        Connection t = target.getConnection()) {
      List<Object[]> sourceRows = sourceReads.range(s, range.after(), range.last());
      List<Object[]> targetRows =
          targetReads.range(t, toTarget(range.after()), toTarget(range.last()));
      return diff(sourceRows, targetRows, withValues);
    } catch (SQLException e) {
      throw failure("comparing the rows of a chunk of", e);
    }
  }

  @Override
  public List<Difference> compareKeys(Collection<RowKey> keys, boolean withValues) {
    if (keys.isEmpty()) {
      return List.of();
    }
    List<RowKey> targetKeys = keys.stream().map(this::toTarget).toList();
    try (Connection s = source.getConnection();
        Connection t = target.getConnection()) {
      return diff(sourceReads.byKeys(s, keys), targetReads.byKeys(t, targetKeys), withValues);
    } catch (SQLException e) {
      throw failure("re-checking rows of", e);
    }
  }

  private List<Difference> diff(
      List<Object[]> sourceRows, List<Object[]> targetRows, boolean withValues) {
    Map<RowKey, String[]> onTarget = new HashMap<>();
    for (Object[] row : targetRows) {
      onTarget.put(fromTarget(targetReads.keyOf(row)), canonical.of(row));
    }
    List<Difference> differences = new ArrayList<>();
    String table = table();
    for (Object[] row : sourceRows) {
      RowKey key = sourceReads.keyOf(row);
      String[] expected = canonical.of(mapped(row));
      String[] actual = onTarget.remove(key);
      if (actual == null) {
        differences.add(
            new Difference(
                table,
                key,
                Difference.Kind.MISSING_ON_TARGET,
                List.of(),
                withValues ? values(expected, null) : Map.of(),
                Map.of()));
        continue;
      }
      List<String> columns = new ArrayList<>();
      for (int i = 0; i < expected.length; i++) {
        if (!Objects.equals(expected[i], actual[i])) {
          columns.add(targetColumns.get(i));
        }
      }
      if (!columns.isEmpty()) {
        differences.add(
            new Difference(
                table,
                key,
                Difference.Kind.DIFFERENT,
                columns,
                withValues ? values(expected, columns) : Map.of(),
                withValues ? values(actual, columns) : Map.of()));
      }
    }
    for (Map.Entry<RowKey, String[]> extra : onTarget.entrySet()) {
      differences.add(
          new Difference(
              table,
              extra.getKey(),
              Difference.Kind.EXTRA_ON_TARGET,
              List.of(),
              Map.of(),
              withValues ? values(extra.getValue(), null) : Map.of()));
    }
    return differences;
  }

  private Map<String, String> values(String[] row, List<String> only) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < row.length; i++) {
      if (only == null || only.contains(targetColumns.get(i))) {
        values.put(targetColumns.get(i), row[i]);
      }
    }
    return values;
  }

  private Object[] mapped(Object[] sourceRow) {
    Row row = mapping.apply(Row.of(mapping.sourceLayout(), sourceRow));
    RowLayout layout = row.layout();
    Object[] values = new Object[layout.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(i);
    }
    return values;
  }

  /** Key order is the same on both sides (checked at construction); only the types may differ. */
  private RowKey toTarget(RowKey key) {
    return key;
  }

  private RowKey fromTarget(RowKey key) {
    return key;
  }

  private ZdmException failure(String what, SQLException e) {
    return new ZdmException(
        migration
            + ": "
            + what
            + " table "
            + pair.source().qualifiedName()
            + " -> "
            + pair.target().qualifiedName()
            + " failed (SQLState "
            + e.getSQLState()
            + "): "
            + e.getMessage(),
        e);
  }

  @Override
  public String toString() {
    return "JdbcTableComparator[" + pair + ", in-database digests " + digestsInDatabase() + "]";
  }
}
