package dev.zdm.jdbc.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.zdm.change.RowKey;
import dev.zdm.test.Engine;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What capture records on every engine: one outbox row per changed key, in the writer's
 * transaction, with a key the relay can parse and a partition that depends on the key alone; and
 * nothing for zdm's own marked sessions.
 */
abstract class CaptureContract extends CaptureTestBase {

  private void ordersCaptured() throws SQLException {
    sql("CREATE TABLE orders (id BIGINT PRIMARY KEY, note VARCHAR(50))");
    installer().install("orders");
  }

  @Test
  void insertUpdateAndDeleteEachRecordOneChange() throws SQLException {
    ordersCaptured();

    sql("INSERT INTO orders VALUES (42, 'new')");
    sql("UPDATE orders SET note = 'paid' WHERE id = 42");
    sql("DELETE FROM orders WHERE id = 42");

    List<Change> changes = changes();
    assertThat(changes).extracting(Change::op).containsExactly("I", "U", "D");
    assertThat(changes).extracting(Change::key).containsOnly(RowKey.of(42L));
    assertThat(changes).extracting(Change::table).containsOnly("orders");
    assertThat(changes).extracting(Change::migration).containsOnly(MIGRATION);
    assertThat(changes).extracting(Change::partition).allMatch(p -> p >= 0 && p < 16);
  }

  @Test
  void aStatementTouchingManyRowsRecordsEachRow() throws SQLException {
    ordersCaptured();
    sql("INSERT INTO orders VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    clearChanges();

    sql("UPDATE orders SET note = 'x'");

    assertThat(changes())
        .extracting(Change::key)
        .containsExactlyInAnyOrder(RowKey.of(1L), RowKey.of(2L), RowKey.of(3L));
  }

  @Test
  void anUpdateThatChangesTheKeyRecordsTheOldAndTheNewKey() throws SQLException {
    ordersCaptured();
    sql("INSERT INTO orders VALUES (1, 'a')");
    clearChanges();

    sql("UPDATE orders SET id = 2 WHERE id = 1");

    assertThat(changes())
        .extracting(Change::key, Change::op)
        .containsExactly(tuple(RowKey.of(1L), "U"), tuple(RowKey.of(2L), "U"));
  }

  @Test
  void compositeKeysAreRecordedInKeyOrderNotColumnOrder() throws SQLException {
    sql(
        "CREATE TABLE stock (sku INTEGER NOT NULL, region VARCHAR(10) NOT NULL, qty INTEGER,"
            + " PRIMARY KEY (region, sku))");
    assertThat(installer().install("stock").primaryKey()).containsExactly("region", "sku");

    sql("INSERT INTO stock VALUES (7, 'eu', 1)", "UPDATE stock SET region = 'us'");

    assertThat(changes())
        .extracting(Change::key)
        .containsExactly(RowKey.of("eu", 7L), RowKey.of("eu", 7L), RowKey.of("us", 7L));
  }

  @Test
  void unicodeAndEscapedTextKeysRoundTripExactly() throws SQLException {
    sql("CREATE TABLE cities (name VARCHAR(100) PRIMARY KEY, n INTEGER)");
    installer().install("cities");
    String name = "Zürich 😀 東京 \"quoted\" back\\slash\ttab\nline";

    try (Connection connection = db.connect();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO cities VALUES (?, 1)")) {
      insert.setString(1, name);
      insert.executeUpdate();
    }
    sql("UPDATE cities SET n = 2");

    assertThat(changes()).extracting(Change::key).containsExactly(RowKey.of(name), RowKey.of(name));
  }

  @Test
  void uuidKeysAreRecordedAsTheirText() throws SQLException {
    sql(
        "CREATE TABLE sessions (id " + fixture().uuidType() + " PRIMARY KEY, n INTEGER)",
        "CREATE TABLE tokens (id CHAR(36) PRIMARY KEY, n INTEGER)");
    installer().install(List.of("sessions", "tokens"));
    UUID id = UUID.fromString("6f1c2a9e-0b7d-4c1e-9a57-3f0e8d2b4c11");

    sql(
        "INSERT INTO sessions VALUES ('" + id + "', 1)",
        "INSERT INTO tokens VALUES ('" + id + "', 1)");

    assertThat(changes()).extracting(Change::key).containsOnly(RowKey.of(id));
  }

  @Test
  void numericDateAndTimestampKeysParseToTheirValues() throws SQLException {
    sql(
        "CREATE TABLE prices (amount DECIMAL(12,2) NOT NULL, on_day DATE NOT NULL, taken_at "
            + fixture().localTimestampType()
            + " NOT NULL, big BIGINT NOT NULL, n INTEGER,"
            + " PRIMARY KEY (amount, on_day, taken_at, big))");
    installer().install("prices");

    sql(
        "INSERT INTO prices VALUES (12.5, '2024-01-02', '2024-01-02 03:04:05.5',"
            + " 9223372036854775807, 1)",
        "UPDATE prices SET n = 2");

    List<Change> changes = changes();
    RowKey expected =
        RowKey.of(
            new BigDecimal("12.5"), "2024-01-02", fixture().localTimestampJson(), Long.MAX_VALUE);
    assertThat(changes).extracting(Change::key).containsExactly(expected, expected);
    assertThat(changes.get(0).pk()).isEqualTo(changes.get(1).pk());
  }

  @Test
  void instantKeysDoNotDependOnTheSessionTimeZone() throws SQLException {
    sql("CREATE TABLE events (at " + fixture().instantType() + " PRIMARY KEY, n INTEGER)");
    installer().install("events");

    try (Connection utc = db.connect();
        Connection elsewhere = db.connect()) {
      sql(utc, fixture().utcZone(), "INSERT INTO events VALUES ('2024-01-02 03:04:05.5', 1)");
      sql(elsewhere, fixture().otherZone(), "UPDATE events SET n = 2");
      sql(elsewhere, "DELETE FROM events");
    }

    List<Change> changes = changes();
    assertThat(changes).extracting(Change::op).containsExactly("I", "U", "D");
    assertThat(changes).extracting(Change::pk).containsOnly(changes.get(0).pk());
    assertThat(changes.get(0).key()).isEqualTo(RowKey.of("2024-01-02T03:04:05.500000Z"));
  }

  @Test
  void theSameKeyAlwaysLandsInTheSamePartitionGivenByTheEnginesFunction() throws SQLException {
    sql("CREATE TABLE orders (id BIGINT PRIMARY KEY, note VARCHAR(50))");
    installer(4).install("orders");
    try (Connection connection = db.connect()) {
      for (int id = 1; id <= 60; id++) {
        sql(connection, "INSERT INTO orders VALUES (" + id + ", 'a')");
      }
      sql(connection, "UPDATE orders SET note = 'b'", "UPDATE orders SET note = 'c'");
    }

    Map<RowKey, Integer> partitionOfKey = new HashMap<>();
    try (Connection connection = db.connect()) {
      for (Change change : changes()) {
        assertThat(change.partition()).isBetween(0, 3);
        assertThat(partitionOfKey.putIfAbsent(change.key(), change.partition()))
            .isIn(null, change.partition());
        assertThat(change.partition()).isEqualTo(fixture().partitionOf(connection, change.pk(), 4));
      }
    }
    assertThat(partitionOfKey).hasSize(60);
    assertThat(partitionOfKey.values()).containsOnly(0, 1, 2, 3);
  }

  @Test
  void writesFromAnyConnectionAreCaptured() throws SQLException {
    ordersCaptured();

    try (Connection first = db.connect();
        Connection second = db.connect();
        Connection pooled = db.dataSource().getConnection()) {
      sql(first, "INSERT INTO orders VALUES (1, 'a')");
      sql(second, "INSERT INTO orders VALUES (2, 'b')");
      sql(pooled, "INSERT INTO orders VALUES (3, 'c')");
    }

    assertThat(changes())
        .extracting(Change::key)
        .containsExactly(RowKey.of(1L), RowKey.of(2L), RowKey.of(3L));
  }

  @Test
  void aMarkedSessionIsNotCapturedAndUnmarkingRestoresCapture() throws SQLException {
    ordersCaptured();
    CaptureSql capture = captureSql();

    try (Connection zdm = db.connect();
        Connection app = db.connect()) {
      assertThat(capture.isZdmWriter(zdm)).isFalse();
      capture.markZdmWriter(zdm);
      assertThat(capture.isZdmWriter(zdm)).isTrue();
      assertThat(capture.isZdmWriter(app)).isFalse();

      sql(zdm, "INSERT INTO orders VALUES (1, 'relay')", "UPDATE orders SET note = 'x'");
      zdm.setAutoCommit(false);
      sql(zdm, "INSERT INTO orders VALUES (2, 'rolled back')");
      zdm.rollback();
      zdm.setAutoCommit(true);
      sql(zdm, "DELETE FROM orders WHERE id = 1", "INSERT INTO orders VALUES (3, 'backfill')");
      sql(app, "INSERT INTO orders VALUES (4, 'app')");
      assertThat(changes()).extracting(Change::key).containsExactly(RowKey.of(4L));

      capture.unmarkZdmWriter(zdm);
      assertThat(capture.isZdmWriter(zdm)).isFalse();
      sql(zdm, "INSERT INTO orders VALUES (5, 'psql')");
    }

    assertThat(changes()).extracting(Change::key).containsExactly(RowKey.of(4L), RowKey.of(5L));
  }

  @Test
  void aTransactionMarkEndsWithTheTransactionWhereTheEngineHasOne() throws SQLException {
    ordersCaptured();
    CaptureSql capture = captureSql();

    try (Connection zdm = db.connect()) {
      if (fixture().engine() == Engine.POSTGRES) {
        assertThatThrownBy(() -> capture.markZdmTransaction(zdm))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("setAutoCommit(false)");
      } else {
        assertThat(capture.markZdmTransaction(zdm)).isFalse();
      }
    }
    try (Connection zdm = db.connect()) {
      zdm.setAutoCommit(false);
      boolean marked = capture.markZdmTransaction(zdm);
      assertThat(capture.isZdmWriter(zdm)).isEqualTo(marked);
      sql(zdm, "INSERT INTO orders VALUES (1, 'relay')");
      zdm.commit();
      assertThat(capture.isZdmWriter(zdm)).isFalse();
      sql(zdm, "INSERT INTO orders VALUES (2, 'next user of the pooled connection')");
      zdm.commit();
      List<RowKey> expected =
          marked ? List.of(RowKey.of(2L)) : List.of(RowKey.of(1L), RowKey.of(2L));
      assertThat(changes()).extracting(Change::key).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aRolledBackTransactionLeavesNoChange() throws SQLException {
    ordersCaptured();

    try (Connection app = db.connect()) {
      app.setAutoCommit(false);
      sql(app, "INSERT INTO orders VALUES (1, 'a')", "UPDATE orders SET note = 'b'");
      app.rollback();
      sql(app, "INSERT INTO orders VALUES (2, 'kept')");
      app.commit();
    }

    assertThat(changes()).extracting(Change::key).containsExactly(RowKey.of(2L));
  }
}
