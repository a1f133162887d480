package dev.zdm.jdbc.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.ZdmException;
import dev.zdm.change.RowKey;
import dev.zdm.mapping.Row;
import dev.zdm.mapping.TableMapping;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Reading by key, upserting and deleting, for one source/target pair: exactly the existing rows
 * come back for single, composite, text and UUID keys; writes are idempotent; mappings rename, drop
 * and compute. Contents are checked with plain SQL, never through zdm's reader.
 */
@RealDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RowReadWriteContract {

  private TestDatabase sourceDb;
  private TestDatabase targetDb;

  abstract Engine sourceEngine();

  abstract Engine targetEngine();

  @BeforeAll
  void databases(TestDatabases databases) {
    sourceDb = databases.create(sourceEngine(), "source");
    targetDb = databases.create(targetEngine(), "target");
  }

  private void source(String... sql) throws SQLException {
    try (Connection connection = sourceDb.connect()) {
      Ddl.run(connection, sourceEngine(), sql);
    }
  }

  private void target(String... sql) throws SQLException {
    try (Connection connection = targetDb.connect()) {
      Ddl.run(connection, targetEngine(), sql);
    }
  }

  private void both(String... sql) throws SQLException {
    source(sql);
    target(sql);
  }

  /** Reads, then writes in one target transaction, as the relay does. */
  private FoundRows copy(TableMapping mapping, List<RowKey> keys) throws SQLException {
    try (Connection source = sourceDb.connect();
        Connection target = targetDb.connect()) {
      TablePair pair = TablePair.read(mapping, source, target);
      FoundRows found = pair.reader().read(source, keys);
      target.setAutoCommit(false);
      pair.writer().apply(target, found);
      target.commit();
      return found;
    }
  }

  private static List<String> query(TestDatabase db, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(result.getString(i));
        }
        rows.add(String.join("|", values));
      }
    }
    return rows;
  }

  private static List<Object> ids(FoundRows found, String column) {
    return found.rows().stream().map(row -> row.get(column)).sorted().toList();
  }

  @Test
  void readingByKeyReturnsExactlyTheRowsThatExistNow() throws SQLException {
    both("CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(10))");
    source(
        "INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')",
        "DELETE FROM items WHERE id = 3");

    FoundRows found = copy(TableMapping.identity("items"), keys(1L, 3L, 4L, 9L, 1L));

    assertThat(ids(found, "id")).containsExactly(1L, 4L);
    assertThat(found.missingKeys()).containsExactly(RowKey.of(3L), RowKey.of(9L));
    assertThat(query(targetDb, "SELECT id, v FROM items ORDER BY id"))
        .containsExactly("1|a", "4|d");
  }

  private static List<RowKey> keys(Object... values) {
    List<RowKey> keys = new ArrayList<>();
    for (Object value : values) {
      keys.add(RowKey.of(value));
    }
    return keys;
  }

  @Test
  void compositeKeysInTheirOwnColumnOrderFindTheirRows() throws SQLException {
    both(
        "CREATE TABLE orders (region VARCHAR(8), id INTEGER, note {text}, PRIMARY KEY (id, region))");
    source("INSERT INTO orders VALUES ('eu', 7, 'x'), ('us', 7, 'y'), ('eu', 8, 'z')");

    FoundRows found =
        copy(
            TableMapping.identity("orders"),
            List.of(
                RowKey.parseJson("[7, \"eu\"]"),
                RowKey.parseJson("[8, \"us\"]"),
                RowKey.parseJson("[7,\"us\"]")));

    assertThat(found.rows()).hasSize(2);
    assertThat(found.missingKeys()).containsExactly(RowKey.parseJson("[8,\"us\"]"));
    assertThat(query(targetDb, "SELECT region, id, note FROM orders ORDER BY region"))
        .containsExactly("eu|7|x", "us|7|y");
  }

  @Test
  void textKeysMatchExactlyWithUnicodeAndCase() throws SQLException {
    both("CREATE TABLE tags (name VARCHAR(50) PRIMARY KEY, n INTEGER)");
    String[] names = {"A", "a", "Ä", "e\u0301", "\u00e9", "emoji 👍", "x'y\"z\\"};
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      values.append(i == 0 ? "" : ", ").append("(?, ").append(i).append(')');
    }
    try (Connection source = sourceDb.connect();
        PreparedStatement insert =
            source.prepareStatement("INSERT INTO tags (name, n) VALUES " + values)) {
      for (int i = 0; i < names.length; i++) {
        insert.setString(i + 1, names[i]);
      }
      insert.executeUpdate();
    }

    FoundRows found = copy(TableMapping.identity("tags"), keys((Object[]) names));

    assertThat(found.missingKeys()).isEmpty();
    assertThat(found.rows())
        .extracting(row -> row.get("name"))
        .containsExactlyInAnyOrder((Object[]) names);
    assertThat(query(targetDb, "SELECT n FROM tags")).hasSize(names.length);
    assertThat(copy(TableMapping.identity("tags"), keys("b", "E")).missingKeys()).hasSize(2);
  }

  @Test
  void uuidKeysFindTheirRows() throws SQLException {
    both("CREATE TABLE things (id {uuid} PRIMARY KEY, v INTEGER)");
    UUID present = UUID.randomUUID();
    UUID absent = UUID.randomUUID();
    source("INSERT INTO things VALUES ('" + present + "', 1)");

    FoundRows found = copy(TableMapping.identity("things"), keys(present, absent));

    assertThat(found.rows()).extracting(row -> row.get("id")).containsExactly(present);
    assertThat(found.missingKeys()).containsExactly(RowKey.of(absent));
    assertThat(query(targetDb, "SELECT v FROM things")).containsExactly("1");
  }

  @Test
  void manyKeysAreReadInChunksOfAThousandOneQueryEach() throws SQLException {
    both("CREATE TABLE numbers (id BIGINT PRIMARY KEY, v INTEGER)");
    try (Connection source = sourceDb.connect();
        PreparedStatement insert = source.prepareStatement("INSERT INTO numbers VALUES (?, ?)")) {
      for (long id = 1; id <= 2500; id++) {
        insert.setLong(1, id);
        insert.setInt(2, (int) id * 3);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    List<RowKey> keys = LongStream.rangeClosed(1, 2600).mapToObj(RowKey::of).toList();

    try (Connection source = sourceDb.connect();
        Connection target = targetDb.connect()) {
      TablePair pair = TablePair.read(TableMapping.identity("numbers"), source, target);
      StatementCount reads = new StatementCount(source);
      FoundRows found = pair.reader().read(reads.connection(), keys);
      assertThat(reads.prepared()).as("queries for 2600 keys").isEqualTo(3);
      assertThat(found.rows()).hasSize(2500);
      assertThat(found.missingKeys()).hasSize(100).first().isEqualTo(RowKey.of(2501L));
      assertThat(pair.reader().read(reads.connection(), keys.subList(0, 10)).rows()).hasSize(10);
      assertThat(reads.prepared()).as("queries for 10 keys").isEqualTo(1);

      StatementCount writes = new StatementCount(target);
      pair.writer().withRowsPerStatement(1000).upsert(writes.connection(), found.rows());
      assertThat(writes.prepared())
          .as("statements to upsert 2500 rows, 1000 per statement")
          .isEqualTo(2);
    }
    assertThat(query(targetDb, "SELECT COUNT(*), SUM(v) FROM numbers"))
        .containsExactly("2500|" + 3L * 2500 * 2501 / 2);
  }

  @Test
  void upsertingTheSameRowsTwiceLeavesTheSameTargetAndUpdatesChangedRows() throws SQLException {
    both("CREATE TABLE notes (id INTEGER PRIMARY KEY, body {text}, score NUMERIC(8,3))");
    source("INSERT INTO notes VALUES (1, 'one', 1.500), (2, 'two', NULL), (3, '', 0.000)");
    List<RowKey> keys = keys(1L, 2L, 3L);

    copy(TableMapping.identity("notes"), keys);
    List<String> once = query(targetDb, "SELECT id, body, score FROM notes ORDER BY id");
    copy(TableMapping.identity("notes"), keys);

    assertThat(query(targetDb, "SELECT id, body, score FROM notes ORDER BY id"))
        .isEqualTo(once)
        .containsExactly("1|one|1.500", "2|two|null", "3||0.000");

    source("UPDATE notes SET body = NULL, score = 2.250 WHERE id = 1");
    copy(TableMapping.identity("notes"), keys);
    assertThat(query(targetDb, "SELECT id, body, score FROM notes WHERE id = 1"))
        .containsExactly("1|null|2.250");
  }

  @Test
  void keysWhoseRowsWereDeletedAreDeletedFromTheTarget() throws SQLException {
    both("CREATE TABLE gone (id INTEGER PRIMARY KEY, v INTEGER)");
    source("INSERT INTO gone VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5)");
    copy(TableMapping.identity("gone"), keys(1L, 2L, 3L, 4L, 5L));
    source("DELETE FROM gone WHERE id IN (2, 4)");

    FoundRows found = copy(TableMapping.identity("gone"), keys(1L, 2L, 3L, 4L, 5L));

    assertThat(found.missingKeys()).containsExactly(RowKey.of(2L), RowKey.of(4L));
    assertThat(query(targetDb, "SELECT id FROM gone ORDER BY id")).containsExactly("1", "3", "5");
  }

  @Test
  void aRowWithOnlyKeyColumnsCanBeWrittenRepeatedly() throws SQLException {
    both("CREATE TABLE links (a INTEGER, b VARCHAR(10), PRIMARY KEY (a, b))");
    source("INSERT INTO links VALUES (1, 'x'), (1, 'y'), (2, 'x')");
    List<RowKey> keys =
        List.of(RowKey.of(1L, "x"), RowKey.of(1L, "y"), RowKey.of(2L, "x"), RowKey.of(3L, "z"));

    copy(TableMapping.identity("links"), keys);
    copy(TableMapping.identity("links"), keys);

    assertThat(query(targetDb, "SELECT a, b FROM links ORDER BY a, b"))
        .containsExactly("1|x", "1|y", "2|x");
  }

  @Test
  void anIdentityKeyOnTheTargetTakesTheSourceValueEvenZero() throws SQLException {
    source(
        "CREATE TABLE accounts (id BIGINT PRIMARY KEY, v INTEGER)",
        "INSERT INTO accounts VALUES (0, 10), (5, 50), (7, 70)");
    target("CREATE TABLE accounts (id {identity} PRIMARY KEY, v INTEGER)");

    copy(TableMapping.identity("accounts"), keys(0L, 5L, 7L));

    assertThat(query(targetDb, "SELECT id, v FROM accounts ORDER BY id"))
        .containsExactly("0|10", "5|50", "7|70");
  }

  @Test
  void aMappingRenamesDropsAndComputesColumnsAndKeys() throws SQLException {
    source(
        "CREATE TABLE people (id BIGINT PRIMARY KEY, first VARCHAR(50), last VARCHAR(50),"
            + " cents BIGINT, legacy VARCHAR(10))",
        "INSERT INTO people VALUES (1, 'Ada', 'Lovelace', 1234, 'x'), (2, 'Alan', 'Turing', NULL,"
            + " 'y'), (3, 'Grace', 'Hopper', 5, 'z')");
    target(
        "CREATE TABLE persons (person_id BIGINT PRIMARY KEY, given_name VARCHAR(50),"
            + " family_name VARCHAR(50), full_name VARCHAR(101), amount NUMERIC(12,2),"
            + " note VARCHAR(10))");
    TableMapping mapping =
        TableMapping.builder("people")
            .targetTable("persons")
            .rename("id", "person_id")
            .rename("first", "given_name")
            .rename("last", "family_name")
            .drop("cents")
            .drop("legacy")
            .compute("full_name", row -> row.get("given_name") + " " + row.get("family_name"))
            .compute(
                "amount",
                row ->
                    row.get("cents") == null
                        ? null
                        : BigDecimal.valueOf((Long) row.get("cents"), 2))
            .build();

    copy(mapping, keys(1L, 2L, 3L));
    source("DELETE FROM people WHERE id = 3");
    copy(mapping, keys(3L));

    assertThat(
            query(
                targetDb,
                "SELECT person_id, given_name, family_name, full_name, amount, note FROM persons"
                    + " ORDER BY person_id"))
        .containsExactly(
            "1|Ada|Lovelace|Ada Lovelace|12.34|null", "2|Alan|Turing|Alan Turing|null|null");
  }

  @Test
  void aComputedValueOfTheWrongTypeIsRefusedNamingTheColumn() throws SQLException {
    both("CREATE TABLE prices (id INTEGER PRIMARY KEY, amount NUMERIC(12,2))");
    source("INSERT INTO prices VALUES (1, 1.50)");
    TableMapping mapping =
        TableMapping.builder("prices").drop("amount").compute("amount", row -> 1.5d).build();

    assertThatThrownBy(() -> copy(mapping, keys(1L)))
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("prices column 'amount'")
        .hasMessageContaining("returned by compute(\"amount\") is a java.lang.Double")
        .hasMessageContaining("takes BigDecimal");
  }

  @Test
  void rowsOfAnotherLayoutAreRefused() throws SQLException {
    both("CREATE TABLE strict_layout (id INTEGER PRIMARY KEY, v INTEGER)");
    try (Connection source = sourceDb.connect();
        Connection target = targetDb.connect()) {
      TablePair pair = TablePair.read(TableMapping.identity("strict_layout"), source, target);
      Row stranger = Row.of(dev.zdm.mapping.RowLayout.of(List.of("id")), 1L);

      assertThatThrownBy(() -> pair.writer().upsert(target, List.of(stranger)))
          .isInstanceOf(ZdmException.class)
          .hasMessageContaining("needs rows of [id, v]");
    }
  }

  @Test
  void anUnknownTableOrOneWithoutPrimaryKeyIsRefusedByName() throws SQLException {
    source("CREATE TABLE heap (id INTEGER, v INTEGER)");
    try (Connection source = sourceDb.connect()) {
      assertThatThrownBy(() -> TableShape.read(source, "no_such_table"))
          .isInstanceOf(ZdmException.class)
          .hasMessageContaining(".no_such_table does not exist");
      assertThatThrownBy(() -> TableShape.read(source, "heap"))
          .isInstanceOf(ZdmException.class)
          .hasMessageContaining(".heap has no primary key")
          .hasMessageContaining("add one");
      assertThatThrownBy(() -> TableShape.read(source, "HEAP"))
          .as("names match exactly")
          .hasMessageContaining("does not exist");
    }
  }

  @Test
  void aKeyOfTheWrongShapeIsRefusedNamingTheKeyColumn() throws SQLException {
    both("CREATE TABLE dated (on_day DATE PRIMARY KEY, v INTEGER)");
    try (Connection source = sourceDb.connect();
        Connection target = targetDb.connect()) {
      TablePair pair = TablePair.read(TableMapping.identity("dated"), source, target);

      assertThatThrownBy(() -> pair.reader().read(source, keys("private 2024")))
          .isInstanceOf(ZdmException.class)
          .hasMessageContaining("does not fit key column 'on_day'")
          .hasMessageNotContaining("private");
      assertThatThrownBy(() -> pair.reader().read(source, List.of(RowKey.of("2024-01-01", 1L))))
          .hasMessageContaining("has 1 columns");
    }
  }
}
