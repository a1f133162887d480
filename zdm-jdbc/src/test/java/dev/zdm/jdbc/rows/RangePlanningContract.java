package dev.zdm.jdbc.rows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.backfill.KeyRange;
import dev.zdm.change.RowKey;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * How a table's key space is split into backfill ranges, for text, UUID, composite and integer
 * keys: the ranges are contiguous and cover every key exactly once, the last one ends at the
 * largest key, and walked keys are split evenly. Keys per range are counted with plain SQL over the
 * database's own key order.
 */
@RealDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RangePlanningContract {

  private static final int ROWS = 1000;
  private TestDatabase db;

  abstract Engine engine();

  @BeforeAll
  void database(TestDatabases databases) throws SQLException {
    db = databases.create(engine(), "ranges");
    String uuid = engine() == Engine.MARIADB ? "UUID" : "uuid";
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE text_keys (k VARCHAR(40) PRIMARY KEY, v INTEGER)");
      s.execute("CREATE TABLE uuid_keys (k " + uuid + " PRIMARY KEY, v INTEGER)");
      s.execute(
          "CREATE TABLE composite_keys (region VARCHAR(8) NOT NULL, n BIGINT NOT NULL,"
              + " v INTEGER, PRIMARY KEY (region, n))");
      s.execute(
          "CREATE TABLE int_lead_keys (n BIGINT NOT NULL, tag VARCHAR(8) NOT NULL,"
              + " PRIMARY KEY (n, tag))");
      s.execute("CREATE TABLE empty_keys (k VARCHAR(40) PRIMARY KEY)");
    }
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      insert(
          c,
          "INSERT INTO text_keys VALUES (?, 1)",
          i -> new Object[] {"key-" + i * 7919 % ROWS + "-ü"});
      insert(c, "INSERT INTO uuid_keys VALUES (?, 1)", i -> new Object[] {uuidValue(i)});
      String[] regions = {"ap", "eu", "us", "za"};
      insert(
          c,
          "INSERT INTO composite_keys VALUES (?, ?, 1)",
          i -> new Object[] {regions[i % 4], (long) (i / 4)});
      insert(
          c,
          "INSERT INTO int_lead_keys VALUES (?, ?)",
          i -> new Object[] {(long) (i / 2) * 10, i % 2 == 0 ? "a" : "b"});
      c.commit();
    }
  }

  private Object uuidValue(int i) {
    UUID uuid = UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8)});
    return engine() == Engine.MARIADB ? uuid.toString() : uuid;
  }

  private interface Values {
    Object[] of(int i);
  }

  private static void insert(Connection c, String sql, Values values) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(sql)) {
      for (int i = 0; i < ROWS; i++) {
        Object[] row = values.of(i);
        for (int p = 0; p < row.length; p++) {
          insert.setObject(p + 1, row[p]);
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private List<KeyRange> plan(String table, int ranges) throws SQLException {
    try (Connection c = db.connect()) {
      return new RangePlanner(TableShape.read(c, table)).plan(c, ranges);
    }
  }

  /** Counts each range's keys and checks the ranges chain and cover the table. */
  private List<Long> keysPerRange(String table, List<KeyRange> ranges) throws SQLException {
    List<Long> counts = new ArrayList<>();
    try (Connection c = db.connect()) {
      KeysetSql keyset = new KeysetSql(TableShape.read(c, table));
      RowKey previous = null;
      for (int i = 0; i < ranges.size(); i++) {
        KeyRange range = ranges.get(i);
        assertThat(range.rangeNo()).isEqualTo(i);
        assertThat(range.after())
            .as("range %s starts where %s ended", i, i - 1)
            .isEqualTo(previous);
        counts.add(keyset.count(c, range.after(), range.last()));
        previous = range.last();
      }
      assertThat(counts.stream().mapToLong(Long::longValue).sum()).isEqualTo(ROWS);
      try (Statement s = c.createStatement();
          ResultSet n = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
        n.next();
        assertThat(n.getLong(1)).isEqualTo(ROWS);
      }
    }
    return counts;
  }

  @Test
  void textKeysAreSplitEvenlyByWalkingTheKeyIndex() throws SQLException {
    List<KeyRange> ranges = plan("text_keys", 8);
    assertThat(ranges).hasSize(8);
    assertThat(keysPerRange("text_keys", ranges)).containsOnly(125L);
  }

  @Test
  void uuidKeysAreSplitEvenlyByWalkingTheKeyIndex() throws SQLException {
    List<KeyRange> ranges = plan("uuid_keys", 8);
    assertThat(ranges).hasSize(8);
    assertThat(keysPerRange("uuid_keys", ranges)).containsOnly(125L);
  }

  @Test
  void compositeKeysLedByTextAreSplitEvenly() throws SQLException {
    List<KeyRange> ranges = plan("composite_keys", 5);
    assertThat(ranges).hasSize(5);
    assertThat(keysPerRange("composite_keys", ranges)).containsOnly(200L);
    assertThat(ranges.get(0).last().values()).hasSize(2);
  }

  @Test
  void compositeKeysLedByAnIntegerAreSplitOnItsValues() throws SQLException {
    List<KeyRange> ranges = plan("int_lead_keys", 4);
    assertThat(ranges).hasSize(4);
    // n runs 0, 10, ..., 4990 evenly, two keys each: each quarter of the values holds about 250.
    assertThat(keysPerRange("int_lead_keys", ranges)).allMatch(n -> n >= 240 && n <= 260);
  }

  @Test
  void theLastRangeEndsAtTheLargestKeyAndNthKeyFindsChunkEnds() throws SQLException {
    List<KeyRange> ranges = plan("text_keys", 4);
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet max = s.executeQuery("SELECT MAX(k) FROM text_keys")) {
      max.next();
      assertThat(ranges.get(3).last()).isEqualTo(RowKey.of(max.getString(1)));
      KeysetSql keyset = new KeysetSql(TableShape.read(c, "text_keys"));
      KeyRange first = ranges.get(0);
      assertThat(keyset.nthKey(c, first.after(), first.last(), 250)).isEqualTo(first.last());
      assertThat(keyset.nthKey(c, first.after(), first.last(), 251)).isNull();
      RowKey half = keyset.nthKey(c, null, first.last(), 100);
      assertThat(keyset.count(c, null, half)).isEqualTo(100);
    }
  }

  @Test
  void anEmptyTableIsOneUnboundedRange() throws SQLException {
    assertThat(plan("empty_keys", 8)).containsExactly(new KeyRange(0, null, null));
  }

  @Test
  void oneRangeCoversTheWholeTable() throws SQLException {
    List<KeyRange> ranges = plan("uuid_keys", 1);
    assertThat(ranges).hasSize(1);
    assertThat(keysPerRange("uuid_keys", ranges)).containsExactly((long) ROWS);
  }
}
