package dev.zdm.jdbc.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.zdm.change.RowKey;
import java.sql.SQLException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostgresCaptureInstallerTest extends CaptureInstallerContract {

  @Override
  CaptureFixture fixture() {
    return CaptureFixture.POSTGRES;
  }

  /** A row moving between partitions is recorded under both keys, as any key change. */
  @Test
  void aPartitionedTableIsCapturedOnceUnderItsOwnName() throws SQLException {
    sql(
        "CREATE TABLE orders (id BIGINT, region TEXT, PRIMARY KEY (id, region))"
            + " PARTITION BY LIST (region)",
        "CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu')",
        "CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us')");
    Set<String> before = catalog();

    installer().install("orders");
    sql(
        "INSERT INTO orders VALUES (1, 'eu'), (2, 'us')",
        "UPDATE orders SET region = 'us' WHERE id = 1");

    assertThat(changes())
        .extracting(Change::table, Change::key)
        .containsExactly(
            tuple("orders", RowKey.of(1L, "eu")),
            tuple("orders", RowKey.of(2L, "us")),
            tuple("orders", RowKey.of(1L, "eu")),
            tuple("orders", RowKey.of(1L, "us")));
    assertThat(installer().installedTables())
        .extracting(CapturedTable::table)
        .containsExactly("orders");
    assertThat(installer().removeAll()).containsExactly("orders");
    assertThat(catalog()).isEqualTo(before);
  }
}
