package dev.zdm.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.zdm.change.RowKey;
import dev.zdm.jdbc.Verification;
import dev.zdm.jdbc.rows.TablePair;
import dev.zdm.mapping.TableMapping;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import dev.zdm.verify.Difference;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier compares mapped source rows with target rows: a renamed column under its target
 * name, a dropped column not at all, a computed column by the mapping's function. With only renames
 * and drops PostgreSQL digests inside the database; a computed column needs the Java digest.
 */
@RealDatabaseTest
class MappedTableVerifyTest {

  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void databases(TestDatabases databases) throws SQLException {
    source = databases.create(Engine.POSTGRES, "source");
    target = databases.create(Engine.POSTGRES, "target");
    try (Connection s = source.connect();
        Connection t = target.connect();
        Statement onSource = s.createStatement();
        Statement onTarget = t.createStatement()) {
      onSource.execute(
          "CREATE TABLE orders (id BIGINT PRIMARY KEY, cust BIGINT, total NUMERIC(12,2),"
              + " legacy_flag TEXT)");
      onTarget.execute(
          "CREATE TABLE purchase_orders (id BIGINT PRIMARY KEY, customer_id BIGINT,"
              + " total NUMERIC(12,2), total_cents BIGINT)");
      onSource.execute(
          "INSERT INTO orders SELECT g, g % 10, g * 1.25, 'legacy ' || g"
              + " FROM generate_series(1, 1000) g");
      onTarget.execute(
          "INSERT INTO purchase_orders SELECT g, g % 10, g * 1.25, g * 125"
              + " FROM generate_series(1, 1000) g");
    }
  }

  private TableMapping mapping(boolean computed) {
    TableMapping.Builder mapping =
        TableMapping.builder("orders")
            .targetTable("purchase_orders")
            .rename("cust", "customer_id")
            .drop("legacy_flag");
    if (computed) {
      mapping.compute(
          "total_cents",
          row -> ((java.math.BigDecimal) row.get("total")).movePointRight(2).longValueExact());
    }
    return mapping.build();
  }

  private List<Difference> verify(TableMapping mapping) {
    Verification verification =
        Verification.builder("orders-check")
            .from(source.dataSource())
            .to(target.dataSource())
            .table(mapping)
            .liveTraffic(false)
            .build();
    verification.install();
    return verification.run().differences();
  }

  private boolean inDatabase(TableMapping mapping) throws SQLException {
    try (Connection s = source.connect();
        Connection t = target.connect()) {
      return new JdbcTableComparator(
              "orders-check",
              TablePair.read(mapping, s, t),
              source.dataSource(),
              target.dataSource())
          .digestsInDatabase();
    }
  }

  @Test
  void computedColumnsAreComparedByTheMappingsFunction() throws SQLException {
    assertThat(inDatabase(mapping(true))).isFalse();
    assertThat(verify(mapping(true))).isEmpty();

    try (Connection t = target.connect();
        Statement statement = t.createStatement()) {
      statement.execute("UPDATE purchase_orders SET total_cents = 1 WHERE id = 500");
      statement.execute("UPDATE purchase_orders SET customer_id = 99 WHERE id = 501");
    }

    assertThat(verify(mapping(true)))
        .extracting(Difference::key, Difference::columns)
        .containsExactly(
            tuple(RowKey.of(500L), List.of("total_cents")),
            tuple(RowKey.of(501L), List.of("customer_id")));
  }

  @Test
  void renamedAndDroppedColumnsAreDigestedInTheDatabase() throws SQLException {
    TableMapping mapping =
        TableMapping.builder("orders")
            .targetTable("purchase_orders")
            .rename("cust", "customer_id")
            .drop("legacy_flag")
            .build();
    try (Connection t = target.connect();
        Statement statement = t.createStatement()) {
      // total_cents is not written by this mapping; it must not take part
      statement.execute("ALTER TABLE purchase_orders ALTER COLUMN total_cents DROP NOT NULL");
      statement.execute("UPDATE purchase_orders SET total_cents = NULL WHERE id = 7");
    }
    assertThat(inDatabase(mapping)).isTrue();
    assertThat(verify(mapping)).isEmpty();

    try (Connection s = source.connect();
        Statement statement = s.createStatement()) {
      statement.execute("UPDATE orders SET legacy_flag = 'changed' WHERE id = 8"); // dropped
      statement.execute("UPDATE orders SET cust = 42 WHERE id = 9");
    }

    assertThat(verify(mapping))
        .extracting(Difference::key, Difference::kind, Difference::columns)
        .containsExactly(tuple(RowKey.of(9L), Difference.Kind.DIFFERENT, List.of("customer_id")));
  }
}
