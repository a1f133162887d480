package dev.zdm.jdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.ZdmException;
import dev.zdm.jdbc.Dialects;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the schema installer promises on every engine. Each subclass names one engine; each test
 * gets a brand-new database from the harness.
 */
@RealDatabaseTest
abstract class SchemaInstallerContract {

  private static final int NEWEST = 5;

  private TestDatabase db;

  abstract Engine engine();

  abstract String expectedDialect();

  @BeforeEach
  void freshDatabase(TestDatabases databases) {
    db = databases.create(engine(), "installer");
  }

  private SchemaInstaller installer() {
    return SchemaInstaller.builder(db.dataSource()).build();
  }

  private Set<String> catalog() throws SQLException {
    try (Connection connection = db.connect()) {
      return CatalogSnapshot.of(connection, engine());
    }
  }

  private void sql(String... statements) throws SQLException {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      for (String s : statements) {
        statement.execute(s);
      }
    }
  }

  private List<String> zdmTables() throws SQLException {
    return catalog().stream()
        .filter(name -> name.matches("^(r|table):zdm_.*"))
        .map(name -> name.substring(name.indexOf(':') + 1))
        .sorted()
        .toList();
  }

  @Test
  void detectsTheEngineFromTheConnection() throws SQLException {
    try (Connection connection = db.connect()) {
      assertThat(Dialects.detect(connection).name()).isEqualTo(expectedDialect());
    }
  }

  @Test
  void freshInstallCreatesEveryTableAtTheNewestVersion() throws SQLException {
    InstallReport report = installer().install();

    assertThat(report.fromVersion()).isZero();
    assertThat(report.toVersion()).isEqualTo(NEWEST);
    assertThat(report.applied()).extracting(SchemaStep::version).containsExactly(1, 2, 3, 4, 5);
    assertThat(report.dialect()).isEqualTo(expectedDialect());
    assertThat(zdmTables())
        .containsExactly(
            "zdm_changes",
            "zdm_checkpoints",
            "zdm_dead_letters",
            "zdm_leases",
            "zdm_migrations",
            "zdm_schema_version",
            "zdm_verifications");
    assertThat(installer().installedVersion()).isEqualTo(NEWEST);
  }

  @Test
  void installingTwiceIsANoOp() throws SQLException {
    installer().install();
    Set<String> afterFirst = catalog();

    InstallReport second = installer().install();

    assertThat(second.noOp()).isTrue();
    assertThat(second.fromVersion()).isEqualTo(NEWEST);
    assertThat(second.toVersion()).isEqualTo(NEWEST);
    assertThat(catalog()).isEqualTo(afterFirst);
  }

  @Test
  void upgradeFromAnOlderVersionAppliesOnlyTheMissingSteps() throws SQLException {
    InstallReport old = installer().installUpTo(2);
    assertThat(old.applied()).extracting(SchemaStep::version).containsExactly(1, 2);
    assertThat(zdmTables()).doesNotContain("zdm_checkpoints", "zdm_leases", "zdm_dead_letters");
    sql("INSERT INTO zdm_migrations (migration, phase, epoch) VALUES ('orders', 'DUAL_WRITE', 3)");

    InstallReport upgrade = installer().install();

    assertThat(upgrade.fromVersion()).isEqualTo(2);
    assertThat(upgrade.applied()).extracting(SchemaStep::version).containsExactly(3, 4, 5);
    assertThat(zdmTables()).contains("zdm_checkpoints", "zdm_leases", "zdm_dead_letters");
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT phase, epoch FROM zdm_migrations")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo("DUAL_WRITE");
      assertThat(row.getLong(2)).isEqualTo(3);
    }
  }

  @Test
  void aStepCutOffHalfwayIsCompletedByTheNextInstall() throws SQLException {
    installer().installUpTo(2);
    // What an engine without transactional DDL leaves when the process dies inside step 3:
    // the step is recorded as applying and only its first table exists.
    sql("INSERT INTO zdm_schema_version (version, description, state) VALUES (3, 'x', 'applying')");
    SchemaStep step3 = Dialects.detect(db.dataSource()).schemaSteps(ZdmTables.defaults()).get(2);
    sql(step3.statements().get(0));

    InstallReport resumed = installer().install();

    assertThat(resumed.applied()).extracting(SchemaStep::version).containsExactly(3, 4, 5);
    assertThat(installer().installedVersion()).isEqualTo(NEWEST);
  }

  @Test
  void uninstallRemovesExactlyWhatZdmCreated() throws SQLException {
    sql(
        "CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(20))",
        "CREATE TABLE zdm_orders_archive (id INT PRIMARY KEY)",
        "CREATE INDEX orders_note ON orders (note)",
        "INSERT INTO orders VALUES (1, 'keep me')");
    Set<String> before = catalog();

    installer().install();
    assertThat(catalog()).isNotEqualTo(before);
    List<String> dropped = installer().uninstall();

    assertThat(catalog()).isEqualTo(before);
    assertThat(dropped).hasSize(7).doesNotContain("zdm_orders_archive", "orders");
    assertThat(installer().installedVersion()).isZero();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT note FROM orders WHERE id = 1")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo("keep me");
    }
  }

  @Test
  void uninstallWhereNothingIsInstalledIsANoOp() throws SQLException {
    Set<String> before = catalog();
    assertThat(installer().uninstall()).isEmpty();
    assertThat(catalog()).isEqualTo(before);
  }

  @Test
  void aTableUnderAZdmNameThatZdmDidNotCreateIsRefusedNotAdopted() throws SQLException {
    sql("CREATE TABLE zdm_changes (x INT)", "INSERT INTO zdm_changes VALUES (42)");

    assertThatThrownBy(() -> installer().install())
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("zdm_changes already exists but was not created by zdm")
        .hasMessageContaining("zdm.tablePrefix");

    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT x FROM zdm_changes")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getInt(1)).isEqualTo(42);
    }
    assertThat(installer().installedVersion()).isEqualTo(1);
  }

  @Test
  void aCustomPrefixNamesEveryTable() throws SQLException {
    SchemaInstaller custom = SchemaInstaller.builder(db.dataSource()).tablePrefix("mig_").build();

    custom.install();

    assertThat(catalog()).anyMatch(name -> name.endsWith(":mig_changes"));
    assertThat(zdmTables()).isEmpty();
    assertThat(custom.uninstall()).allMatch(name -> name.startsWith("mig_"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Zdm_", "zdm-", "zdm_; DROP TABLE orders; --", "1zdm", "zdm\"_"})
  void aBadPrefixIsRejectedBeforeTouchingTheDatabase(String prefix) {
    assertThatThrownBy(() -> SchemaInstaller.builder(db.dataSource()).tablePrefix(prefix).build())
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("zdm.tablePrefix")
        .hasMessageContaining("'" + prefix + "'");
  }

  @Test
  void aBadOrMissingSchemaIsRejectedWithItsName() {
    assertThatThrownBy(() -> SchemaInstaller.builder(db.dataSource()).schema("a.b").build())
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("zdm.schema")
        .hasMessageContaining("'a.b'");
    SchemaInstaller missing = SchemaInstaller.builder(db.dataSource()).schema("no_such").build();
    assertThatThrownBy(missing::install)
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("zdm.schema 'no_such' does not exist");
  }

  @Test
  void aNewerSchemaThanThisZdmKnowsIsRefused() throws SQLException {
    installer().install();
    sql("INSERT INTO zdm_schema_version (version, description, state) VALUES (99, 'x', 'applied')");

    assertThatThrownBy(() -> installer().install())
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("upgrade zdm");
  }

  @Test
  void concurrentInstallsApplyEachStepOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<InstallReport>> installs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        installs.add(() -> installer().install());
      }
      List<Integer> appliedCounts = new ArrayList<>();
      for (Future<InstallReport> result : pool.invokeAll(installs)) {
        appliedCounts.add(result.get().applied().size());
      }
      assertThat(appliedCounts).containsExactlyInAnyOrder(NEWEST, 0, 0, 0);
    } finally {
      pool.shutdownNow();
    }
  }
}
