package dev.zdm.jdbc.capture;

import dev.zdm.change.RowKey;
import dev.zdm.jdbc.Dialects;
import dev.zdm.jdbc.schema.CatalogSnapshot;
import dev.zdm.jdbc.schema.SchemaInstaller;
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
import org.junit.jupiter.api.BeforeEach;

/**
 * A brand-new database per test with zdm's schema installed, and helpers that read the outbox and
 * the catalog directly, independently of the code under test.
 */
@RealDatabaseTest
abstract class CaptureTestBase {

  static final String MIGRATION = "orders-to-pg";

  TestDatabase db;

  abstract CaptureFixture fixture();

  @BeforeEach
  void freshDatabaseWithZdmSchema(TestDatabases databases) {
    db = databases.create(fixture().engine(), "capture");
    SchemaInstaller.builder(db.dataSource()).build().install();
  }

  CaptureInstaller installer() {
    return installer(CaptureInstaller.DEFAULT_PARTITIONS);
  }

  CaptureInstaller installer(int partitions) {
    return CaptureInstaller.builder(db.dataSource())
        .migration(MIGRATION)
        .partitions(partitions)
        .build();
  }

  CaptureSql captureSql() {
    return Dialects.detect(db.dataSource()).capture();
  }

  /** Runs statements on a plain connection of its own, in auto-commit mode. */
  void sql(String... statements) throws SQLException {
    try (Connection connection = db.connect()) {
      sql(connection, statements);
    }
  }

  static void sql(Connection connection, String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String s : statements) {
        statement.execute(s);
      }
    }
  }

  /** One outbox row, read back as the relay will read it. */
  record Change(String migration, String table, RowKey key, String op, int partition, String pk) {}

  List<Change> changes() throws SQLException {
    List<Change> changes = new ArrayList<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT migration, table_name, pk, op, partition_no FROM zdm_changes ORDER BY id")) {
      while (rows.next()) {
        String pk = rows.getString(3);
        changes.add(
            new Change(
                rows.getString(1),
                rows.getString(2),
                RowKey.parseJson(pk),
                rows.getString(4),
                rows.getInt(5),
                pk));
      }
    }
    return changes;
  }

  void clearChanges() throws SQLException {
    sql("DELETE FROM zdm_changes");
  }

  Set<String> catalog() throws SQLException {
    try (Connection connection = db.connect()) {
      return CatalogSnapshot.of(connection, fixture().engine());
    }
  }

  List<String> captureObjects() throws SQLException {
    List<String> objects = new ArrayList<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(fixture().captureObjectsQuery())) {
      while (rows.next()) {
        objects.add(rows.getString(1));
      }
    }
    return objects;
  }
}
