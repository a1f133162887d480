package dev.zdm.jdbc.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zdm.ZdmException;
import dev.zdm.change.RowKey;
import dev.zdm.mapping.TableMapping;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every type zdm carries arrives exactly, for one source/target pair. Runs with the JVM's default
 * zone set to Europe/Berlin, PostgreSQL sessions in America/New_York and MariaDB sessions at
 * +05:30, so that any conversion through a local zone would show.
 */
@RealDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RowRoundTripContract {

  private TestDatabase sourceDb;
  private TestDatabase targetDb;
  private TimeZone jvmZone;

  abstract Engine sourceEngine();

  abstract Engine targetEngine();

  @BeforeAll
  void databases(TestDatabases databases) {
    jvmZone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
    sourceDb = databases.create(sourceEngine(), "source");
    targetDb = databases.create(targetEngine(), "target");
  }

  @AfterAll
  void restoreZone() {
    TimeZone.setDefault(jvmZone);
  }

  /** A connection whose session zone is neither UTC nor the JVM's. */
  static Connection connect(TestDatabase db) throws SQLException {
    Connection connection = db.connect();
    try (Statement statement = connection.createStatement()) {
      switch (db.engine()) {
        case POSTGRES -> statement.execute("SET TIME ZONE 'America/New_York'");
        case MARIADB -> statement.execute("SET time_zone = '+05:30'");
        case H2 -> statement.execute("SET TIME ZONE 'Asia/Kathmandu'");
      }
    }
    return connection;
  }

  private void create(String table) throws SQLException {
    try (Connection source = sourceDb.connect();
        Connection target = targetDb.connect();
        Statement onSource = source.createStatement();
        Statement onTarget = target.createStatement()) {
      onSource.execute(TypeRichTable.ddl(sourceEngine(), table));
      onTarget.execute(TypeRichTable.ddl(targetEngine(), table));
    }
  }

  private static List<RowKey> keys(List<Map<String, Object>> rows) {
    return rows.stream().map(row -> RowKey.of(row.get("id"))).toList();
  }

  @Test
  void everyTypeRoundTripsExactlyIncludingNullsAndExtremes() throws SQLException {
    create("rich");
    List<Map<String, Object>> examples = TypeRichTable.examples(sourceEngine(), targetEngine());
    try (Connection source = sourceDb.connect()) {
      TypeRichTable.insert(source, sourceEngine(), "rich", examples);
    }

    try (Connection source = connect(sourceDb);
        Connection target = connect(targetDb)) {
      TablePair pair = TablePair.read(TableMapping.identity("rich"), source, target);
      target.setAutoCommit(false);
      pair.writer().apply(target, pair.reader().read(source, keys(examples)));
      target.commit();
    }

    try (Connection source = sourceDb.connect();
        Connection target = targetDb.connect()) {
      Map<Long, Map<String, Object>> inSource =
          IndependentRead.rows(source, sourceEngine(), "rich");
      assertSourceHoldsTheExamples(examples, inSource);
      IndependentRead.assertSame(
          inSource,
          sourceEngine(),
          IndependentRead.rows(target, targetEngine(), "rich"),
          targetEngine(),
          target);
    }
  }

  /** The examples reached the source as meant, so the comparison with the target means much. */
  private void assertSourceHoldsTheExamples(
      List<Map<String, Object>> examples, Map<Long, Map<String, Object>> inSource) {
    for (Map<String, Object> example : examples) {
      Map<String, Object> read = inSource.get((Long) example.get("id"));
      for (String column : TypeRichTable.COLUMNS) {
        Object expected = IndependentRead.expected(sourceEngine(), example.get(column));
        Object actual = read.get(column);
        if (column.equals("c_char") && expected != null) {
          expected = ((String) expected).stripTrailing();
          actual = ((String) actual).stripTrailing();
        }
        if (!column.equals("c_json")
            && !(column.equals("c_jsontext") && sourceEngine() == Engine.H2)) {
          assertThat(actual)
              .as("source row %s column %s", example.get("id"), column)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void nothingIsCommittedByZdmTheCallerOwnsTheTransaction() throws SQLException {
    create("owned");
    List<Map<String, Object>> examples = TypeRichTable.examples(sourceEngine(), targetEngine());
    try (Connection source = sourceDb.connect()) {
      TypeRichTable.insert(source, sourceEngine(), "owned", examples.subList(0, 2));
    }

    try (Connection source = connect(sourceDb);
        Connection target = connect(targetDb)) {
      TablePair pair = TablePair.read(TableMapping.identity("owned"), source, target);
      target.setAutoCommit(false);
      pair.writer().apply(target, pair.reader().read(source, keys(examples.subList(0, 2))));
      target.rollback();
    }

    try (Connection target = targetDb.connect()) {
      assertThat(IndependentRead.rows(target, targetEngine(), "owned")).isEmpty();
    }
  }

  @Test
  void theCatalogShapeOfEveryColumnIsRead() throws SQLException {
    create("shaped");
    try (Connection source = sourceDb.connect()) {
      TableShape shape = TableShape.read(source, "shaped");

      assertThat(shape.table()).isEqualTo("shaped");
      assertThat(shape.primaryKey()).extracting(ColumnShape::name).containsExactly("id");
      assertThat(shape.columns()).extracting(ColumnShape::name).isEqualTo(TypeRichTable.COLUMNS);
      assertThat(kind(shape, "c_smallint")).isEqualTo(ColumnKind.INTEGER);
      assertThat(shape.column("c_smallint").orElseThrow().precision()).isEqualTo(16);
      assertThat(shape.column("c_dec").orElseThrow())
          .extracting(ColumnShape::kind, ColumnShape::precision, ColumnShape::scale)
          .containsExactly(ColumnKind.DECIMAL, 12, 3);
      assertThat(kind(shape, "c_real")).isEqualTo(ColumnKind.REAL);
      assertThat(kind(shape, "c_bool")).isEqualTo(ColumnKind.BOOLEAN);
      assertThat(kind(shape, "c_bytes")).isEqualTo(ColumnKind.BINARY);
      assertThat(shape.column("c_varchar").orElseThrow().precision()).isEqualTo(100);
      for (String column : List.of("c_time", "c_ts", "c_tstz")) {
        assertThat(shape.column(column).orElseThrow().scale()).as(column).isEqualTo(6);
      }
      assertThat(kind(shape, "c_ts")).isEqualTo(ColumnKind.TIMESTAMP);
      assertThat(kind(shape, "c_tstz")).isEqualTo(ColumnKind.TIMESTAMP_TZ);
      assertThat(kind(shape, "c_uuid")).isEqualTo(ColumnKind.UUID);
      assertThat(kind(shape, "c_json"))
          .isEqualTo(sourceEngine() == Engine.MARIADB ? ColumnKind.TEXT : ColumnKind.JSON);
      assertThat(shape).isEqualTo(TableShape.read(source, "shaped"));
    }
  }

  private static ColumnKind kind(TableShape shape, String column) {
    return shape.column(column).orElseThrow().kind();
  }

  @Test
  void uuidsTravelToAndFromTextColumns() throws SQLException {
    UUID uuid = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    try (Connection source = sourceDb.connect();
        Connection target = targetDb.connect()) {
      Ddl.run(
          source,
          sourceEngine(),
          "CREATE TABLE ids (id INTEGER PRIMARY KEY, as_uuid {uuid}, as_text CHAR(36))",
          "INSERT INTO ids VALUES (1, '" + uuid + "', '" + uuid + "')");
      Ddl.run(
          target,
          targetEngine(),
          "CREATE TABLE ids (id INTEGER PRIMARY KEY, as_uuid CHAR(36), as_text {uuid})");
    }

    try (Connection source = connect(sourceDb);
        Connection target = connect(targetDb)) {
      TablePair pair = TablePair.read(TableMapping.identity("ids"), source, target);
      pair.writer().apply(target, pair.reader().read(source, List.of(RowKey.of(1L))));
    }

    try (Connection target = targetDb.connect();
        Statement statement = target.createStatement();
        var row = statement.executeQuery("SELECT as_uuid, as_text FROM ids")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo(uuid.toString());
      assertThat(UUID.fromString(row.getString(2))).isEqualTo(uuid);
    }
  }

  @Test
  void aUuidMariaDbCannotStoreFailsTheWriteInsteadOfChangingIt() throws SQLException {
    assumeTrue(targetEngine() == Engine.MARIADB, "only MariaDB's UUID type refuses values");
    UUID refused = UUID.fromString("3c113859-c6cb-8f4b-05b7-f344bda2f59f");
    assertThat(TypeRichArbitraries.mariaDbTakes(refused)).isFalse();
    try (Connection source = sourceDb.connect();
        Connection target = targetDb.connect()) {
      Ddl.run(
          source,
          sourceEngine(),
          "CREATE TABLE odd_ids (id INTEGER PRIMARY KEY, u {uuid})",
          "INSERT INTO odd_ids VALUES (1, '" + refused + "')");
      Ddl.run(target, targetEngine(), "CREATE TABLE odd_ids (id INTEGER PRIMARY KEY, u {uuid})");
    }

    try (Connection source = connect(sourceDb);
        Connection target = connect(targetDb)) {
      TablePair pair = TablePair.read(TableMapping.identity("odd_ids"), source, target);
      FoundRows found = pair.reader().read(source, List.of(RowKey.of(1L)));
      assertThatThrownBy(() -> pair.writer().apply(target, found))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Incorrect uuid value");
    }
  }

  @Test
  void mariaDbTimesOutsideADayAndZeroDatesAreRefusedNotChanged() throws SQLException {
    assumeTrue(sourceEngine() == Engine.MARIADB, "only MariaDB has such values");
    try (Connection source = sourceDb.connect();
        Connection target = targetDb.connect()) {
      Ddl.run(
          source,
          sourceEngine(),
          "CREATE TABLE odd_times (id INTEGER PRIMARY KEY, t TIME(6), d DATE)",
          "SET sql_mode = ''",
          "INSERT INTO odd_times VALUES (1, '25:00:00', '2024-01-01'), (2, '-01:00:00', NULL),"
              + " (3, '10:00:00', '0000-00-00'), (4, '23:59:59.999999', '2024-02-00')");
      Ddl.run(
          target,
          targetEngine(),
          "CREATE TABLE odd_times (id INTEGER PRIMARY KEY, t TIME(6), d DATE)");
    }

    try (Connection source = connect(sourceDb);
        Connection target = connect(targetDb)) {
      TablePair pair = TablePair.read(TableMapping.identity("odd_times"), source, target);
      for (long id : new long[] {1, 2}) {
        assertThatThrownBy(() -> pair.reader().read(source, List.of(RowKey.of(id))))
            .isInstanceOf(ZdmException.class)
            .hasMessageContaining("odd_times column 't' holds a TIME outside 00:00:00")
            .hasMessageNotContaining("25:00");
      }
      for (long id : new long[] {3, 4}) {
        assertThatThrownBy(() -> pair.reader().read(source, List.of(RowKey.of(id))))
            .isInstanceOf(ZdmException.class)
            .hasMessageContaining(
                "odd_times column 'd' holds a date MariaDB allows but no calendar");
      }
    }
  }

  @Test
  void aColumnOfATypeZdmCannotCarryIsRefusedNamingTableAndColumn() throws SQLException {
    String unsupported =
        switch (sourceEngine()) {
          case POSTGRES -> "int4range";
          case MARIADB -> "GEOMETRY";
          case H2 -> "INTEGER ARRAY";
        };
    try (Connection source = sourceDb.connect();
        Connection target = targetDb.connect()) {
      Ddl.run(
          source,
          sourceEngine(),
          "CREATE TABLE places (id INTEGER PRIMARY KEY, name VARCHAR(20), span "
              + unsupported
              + ")",
          "INSERT INTO places (id, name) VALUES (1, 'here')");
      Ddl.run(
          target, targetEngine(), "CREATE TABLE places (id INTEGER PRIMARY KEY, name VARCHAR(20))");
    }

    try (Connection source = connect(sourceDb);
        Connection target = connect(targetDb)) {
      assertThatThrownBy(() -> TablePair.read(TableMapping.identity("places"), source, target))
          .isInstanceOf(ZdmException.class)
          .hasMessageContaining("places column 'span' cannot be carried exactly")
          .hasMessageContaining("drop(\"span\")")
          .hasMessageContaining("compute(");

      TablePair pair =
          TablePair.read(TableMapping.builder("places").drop("span").build(), source, target);
      pair.writer().apply(target, pair.reader().read(source, List.of(RowKey.of(1L))));
      assertThat(pair.reader().layout().columns()).containsExactly("id", "name");
    }
  }

  @Test
  void aTargetColumnTooNarrowForTheSourceIsRefusedAtStart() throws SQLException {
    try (Connection source = sourceDb.connect();
        Connection target = targetDb.connect()) {
      Ddl.run(
          source,
          sourceEngine(),
          "CREATE TABLE prices (id INTEGER PRIMARY KEY, amount NUMERIC(12,3))");
      Ddl.run(
          target,
          targetEngine(),
          "CREATE TABLE prices (id INTEGER PRIMARY KEY, amount NUMERIC(12,2))");
    }

    try (Connection source = connect(sourceDb);
        Connection target = connect(targetDb)) {
      assertThatThrownBy(() -> TablePair.read(TableMapping.identity("prices"), source, target))
          .isInstanceOf(ZdmException.class)
          .hasMessageContaining("column 'amount'")
          .hasMessageContaining("cannot be copied exactly into target table")
          .hasMessageContaining("keeps 2 decimal places, the source 3")
          .hasMessageContaining("compute(\"amount\"");
    }
  }
}
