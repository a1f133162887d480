package dev.zdm.jdbc.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zdm.ZdmException;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.schema.SchemaInstaller;
import dev.zdm.test.Engine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How capture is installed and removed on every engine: idempotently, leaving nothing behind and no
 * user object touched, and refusing what cannot be captured with a message that says why.
 */
abstract class CaptureInstallerContract extends CaptureTestBase {

  private static final String ORDERS =
      "CREATE TABLE orders (id BIGINT PRIMARY KEY, note VARCHAR(50))";

  @Test
  void installingTwiceIsANoOp() throws Exception {
    sql(ORDERS);
    installer().install("orders");
    List<String> objects = captureObjects();
    Set<String> catalog = catalog();
    // Not a wait for a condition: MariaDB stamps triggers with a centisecond creation time, the
    // only trace a re-creation leaves, so the second install must come measurably later.
    Thread.sleep(50);

    CapturedTable again = installer().install("orders");

    assertThat(again).isEqualTo(new CapturedTable(again.schema(), "orders", List.of("id")));
    assertThat(captureObjects()).isNotEmpty().isEqualTo(objects);
    assertThat(catalog()).isEqualTo(catalog);
    sql("INSERT INTO orders VALUES (1, 'once')");
    assertThat(changes()).hasSize(1);
  }

  @Test
  void changingThePartitionCountReplacesTheCaptureCleanly() throws SQLException {
    sql(ORDERS);
    installer(16).install("orders");
    Set<String> catalog = catalog();

    installer(1).install("orders");

    assertThat(catalog()).hasSameSizeAs(catalog);
    sql("INSERT INTO orders VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    assertThat(changes()).hasSize(3).extracting(Change::partition).containsOnly(0);
  }

  @Test
  void removeLeavesNothingBehindAndTheUsersTriggersKeepWorking() throws SQLException {
    sql(ORDERS, "CREATE TABLE audit (id BIGINT)");
    sql(fixture().userTrigger().toArray(String[]::new));
    Set<String> before = catalog();

    installer().install("orders");
    assertThat(catalog()).isNotEqualTo(before);
    sql("INSERT INTO orders VALUES (1, 'captured and audited')");
    assertThat(installer().remove("orders")).isTrue();

    assertThat(catalog()).isEqualTo(before);
    sql("INSERT INTO orders VALUES (2, 'audited only')");
    assertThat(changes()).extracting(Change::key).containsExactly(RowKey.of(1L));
    assertThat(count("audit")).isEqualTo(2);
    assertThat(installer().installedTables()).isEmpty();
  }

  @Test
  void removingWhatIsNotCapturedIsANoOp() throws SQLException {
    sql(ORDERS);
    Set<String> before = catalog();

    assertThat(installer().remove("orders")).isFalse();
    assertThat(installer().remove("no_such_table")).isFalse();
    assertThat(installer().removeAll()).isEmpty();
    assertThat(catalog()).isEqualTo(before);
  }

  @Test
  void installedTablesAndPrimaryKeysComeFromTheCatalog() throws SQLException {
    sql(
        ORDERS,
        "CREATE TABLE stock (sku INTEGER NOT NULL, region VARCHAR(10) NOT NULL,"
            + " PRIMARY KEY (region, sku))");

    installer().install(List.of("orders", "stock"));

    assertThat(installer().installedTables())
        .extracting(CapturedTable::table, CapturedTable::primaryKey)
        .containsExactlyInAnyOrder(
            tuple("orders", List.of("id")), tuple("stock", List.of("region", "sku")));
    assertThat(installer().primaryKey("stock")).containsExactly("region", "sku");
    assertThat(installer().removeAll()).containsExactlyInAnyOrder("orders", "stock");
    assertThat(installer().installedTables()).isEmpty();
  }

  @Test
  void aTableWithoutAPrimaryKeyIsRefusedEvenWithAUniqueNotNullKey() throws SQLException {
    sql(
        "CREATE TABLE events (id BIGINT NOT NULL, note VARCHAR(50))",
        "CREATE TABLE visits (id BIGINT NOT NULL UNIQUE, note VARCHAR(50))");
    Set<String> before = catalog();

    for (String table : List.of("events", "visits")) {
      assertThatThrownBy(() -> installer().install(List.of("events", "visits")))
          .isInstanceOf(ZdmException.class)
          .hasMessageContaining(MIGRATION)
          .hasMessageContaining("." + "events")
          .hasMessageContaining("Add a primary key");
      assertThatThrownBy(() -> installer().install(table))
          .isInstanceOf(ZdmException.class)
          .hasMessageContaining("." + table + " has no primary key");
    }
    assertThat(catalog()).isEqualTo(before);
  }

  @Test
  void anUnknownTableIsRefused() {
    assertThatThrownBy(() -> installer().install("no_such_table"))
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining(MIGRATION)
        .hasMessageContaining("no table 'no_such_table'");
  }

  @Test
  void aFloatingPointKeyIsRefusedNamingTheColumn() throws SQLException {
    sql("CREATE TABLE readings (v " + fixture().floatType() + " PRIMARY KEY)");

    assertThatThrownBy(() -> installer().install("readings"))
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("readings")
        .hasMessageContaining("primary-key column v");
  }

  @ParameterizedTest
  @ValueSource(strings = {"zdm_changes", "zdm_migrations", "zdm_orders_archive"})
  void zdmsOwnTablesAreNeverCaptured(String table) throws SQLException {
    sql("CREATE TABLE zdm_orders_archive (id BIGINT PRIMARY KEY)");

    assertThatThrownBy(() -> installer().install(table))
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("zdm's table prefix 'zdm_'");
  }

  @Test
  void captureNeedsZdmsSchema() throws SQLException {
    SchemaInstaller.builder(db.dataSource()).build().uninstall();
    sql(ORDERS);

    assertThatThrownBy(() -> installer().install("orders"))
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining(MIGRATION)
        .hasMessageContaining("zdm_changes does not exist")
        .hasMessageContaining("SchemaInstaller.install()");
  }

  @Test
  void uninstallingZdmsSchemaIsRefusedWhileTablesAreCaptured() throws SQLException {
    sql(ORDERS);
    installer().install("orders");
    SchemaInstaller schema = SchemaInstaller.builder(db.dataSource()).build();

    assertThatThrownBy(schema::uninstall)
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("orders (migration " + MIGRATION + ")")
        .hasMessageContaining("CaptureInstaller.removeAll()");
    sql("INSERT INTO orders VALUES (1, 'writes still work')");
    assertThat(changes()).hasSize(1);

    installer().removeAll();
    assertThat(schema.uninstall()).contains("zdm_changes");
    sql("INSERT INTO orders VALUES (2, 'no capture, no outbox')");
  }

  @Test
  void aTableIsCapturedForOneMigrationAtATime() throws SQLException {
    sql(ORDERS);
    installer().install("orders");
    CaptureInstaller other =
        CaptureInstaller.builder(db.dataSource()).migration("invoices-split").build();

    assertThatThrownBy(() -> other.install("orders"))
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("already captured for migration '" + MIGRATION + "'");
    assertThat(other.remove("orders")).isFalse();
    assertThat(other.installedTables()).isEmpty();
    assertThat(installer().installedTables()).extracting(CapturedTable::table).contains("orders");
  }

  @Test
  void oddAndLongTableNamesAreQuotedAndFitTheEnginesLimits() throws SQLException {
    String odd = "it's \"odd\" \\ name";
    String longName = "t".repeat(60);
    sql(
        "CREATE TABLE " + quote(odd) + " (id BIGINT PRIMARY KEY)",
        "CREATE TABLE " + longName + " (id BIGINT PRIMARY KEY)");

    installer().install(List.of(odd, longName));
    sql("INSERT INTO " + quote(odd) + " VALUES (1)", "INSERT INTO " + longName + " VALUES (2)");

    assertThat(changes()).extracting(Change::table).containsExactly(odd, longName);
    assertThat(installer().installedTables())
        .extracting(CapturedTable::table)
        .containsExactlyInAnyOrder(odd, longName);
    installer().removeAll();
    assertThat(captureObjects()).isEmpty();
  }

  @Test
  void tablesInAnotherSchemaThanZdmsAreCapturedIntoZdmsOutbox() throws SQLException {
    assumeTrue(fixture().engine() != Engine.MARIADB, "a MariaDB schema is a separate database");
    sql("CREATE SCHEMA app", "CREATE TABLE app.orders (id BIGINT PRIMARY KEY)");
    CaptureInstaller app =
        CaptureInstaller.builder(db.dataSource()).migration(MIGRATION).tableSchema("app").build();

    assertThat(app.install("orders").schema()).isEqualTo("app");
    sql("INSERT INTO app.orders VALUES (1)");

    assertThat(changes())
        .extracting(Change::table, Change::key)
        .containsExactly(tuple("orders", RowKey.of(1L)));
    assertThat(app.installedTables()).extracting(CapturedTable::table).containsExactly("orders");
    assertThat(installer().installedTables()).isEmpty();
    assertThatThrownBy(() -> SchemaInstaller.builder(db.dataSource()).build().uninstall())
        .hasMessageContaining("app.orders");
    assertThat(app.remove("orders")).isTrue();
    assertThat(captureObjects()).isEmpty();
    assertThatThrownBy(
            () ->
                CaptureInstaller.builder(db.dataSource())
                    .migration(MIGRATION)
                    .tableSchema("no_such_schema")
                    .build()
                    .install("orders"))
        .hasMessageContaining("capture.tableSchema 'no_such_schema' does not exist");
  }

  @Test
  void instancesInstallingAtTheSameTimeAllSucceedWithOneSetOfObjects() throws Exception {
    sql(ORDERS);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<CapturedTable>> installs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        installs.add(() -> installer().install("orders"));
      }
      for (Future<CapturedTable> result : pool.invokeAll(installs)) {
        assertThat(result.get().table()).isEqualTo("orders");
      }
    } finally {
      pool.shutdownNow();
    }
    sql("INSERT INTO orders VALUES (1, 'once')");
    assertThat(changes()).hasSize(1);
    assertThat(installer().installedTables()).hasSize(1);
  }

  @Test
  void badSettingsAreRejectedBeforeTouchingTheDatabase() {
    assertThatThrownBy(() -> CaptureInstaller.builder(db.dataSource()).build())
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("migration name");
    assertThatThrownBy(
            () -> CaptureInstaller.builder(db.dataSource()).migration("Bad Name").build())
        .hasMessageContaining("'Bad Name'");
    assertThatThrownBy(() -> installer(0))
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("capture.partitions must be 1 to 4096, was 0");
    assertThatThrownBy(
            () ->
                CaptureInstaller.builder(db.dataSource())
                    .migration(MIGRATION)
                    .tablePrefix("zdm-")
                    .build())
        .hasMessageContaining("zdm.tablePrefix");
  }

  private String quote(String identifier) {
    return switch (fixture().engine()) {
      case MARIADB -> '`' + identifier.replace("`", "``") + '`';
      default -> '"' + identifier.replace("\"", "\"\"") + '"';
    };
  }

  private int count(String table) throws SQLException {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      row.next();
      return row.getInt(1);
    }
  }
}
