package dev.zdm.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.zdm.ZdmException;
import dev.zdm.backfill.BackfillConfig;
import dev.zdm.backfill.KeyRange;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.Verification;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.jdbc.rows.TablePair;
import dev.zdm.jdbc.schema.SchemaInstaller;
import dev.zdm.mapping.TableMapping;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import dev.zdm.verify.Difference;
import dev.zdm.verify.VerificationReport;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plants one kind of difference at a time into an otherwise equal pair of tables, written by plain
 * JDBC, and checks that the verification names exactly the planted keys, with the right kind and
 * column, and nothing else; and that the run is recorded in the verifications table without row
 * values. 3,000 rows in chunks of 500, so mismatching chunks are bisected. Subclasses pick the
 * engines.
 */
@RealDatabaseTest
abstract class PlantedDifferencesContract {

  static final String MIGRATION = "accounts-check";
  private static final int ROWS = 3000;
  private static final DateTimeFormatter MARIADB_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  TestDatabase source;
  TestDatabase target;

  abstract Engine from();

  abstract Engine to();

  @BeforeEach
  void databases(TestDatabases databases) throws SQLException {
    source = databases.create(from(), "source");
    target = databases.create(to(), "target");
    create(source, from());
    create(target, to());
    seed(source, from());
    seed(target, to());
  }

  static void create(TestDatabase db, Engine engine) throws SQLException {
    String ddl =
        engine == Engine.MARIADB
            ? "CREATE TABLE accounts (id BIGINT PRIMARY KEY, name VARCHAR(100), note VARCHAR(100),"
                + " qty INTEGER, amount DECIMAL(14,3), seen_at TIMESTAMP(6) NULL)"
                + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"
            : "CREATE TABLE accounts (id BIGINT PRIMARY KEY, name VARCHAR(100), note VARCHAR(100),"
                + " qty INTEGER, amount NUMERIC, seen_at TIMESTAMP(6) WITH TIME ZONE)";
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(ddl);
    }
  }

  static void seed(TestDatabase db, Engine engine) throws SQLException {
    try (Connection connection = db.connect()) {
      connection.setAutoCommit(false);
      for (int id = 1; id <= ROWS; id++) {
        insert(
            connection,
            engine,
            id,
            "café " + id,
            id % 5 == 0 ? null : "note " + id,
            id,
            BigDecimal.valueOf(id * 1250L, 3),
            OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC).plusMinutes(id));
      }
      connection.commit();
    }
  }

  static void insert(
      Connection connection,
      Engine engine,
      long id,
      String name,
      String note,
      int qty,
      BigDecimal amount,
      OffsetDateTime seenAt)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO accounts (id, name, note, qty, amount, seen_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, id);
      insert.setString(2, name);
      insert.setString(3, note);
      insert.setInt(4, qty);
      insert.setBigDecimal(5, amount);
      if (engine == Engine.MARIADB) {
        insert.setString(6, MARIADB_TIMESTAMP.format(seenAt.withOffsetSameInstant(ZoneOffset.UTC)));
      } else {
        insert.setObject(6, seenAt);
      }
      insert.executeUpdate();
    }
  }

  private void onTarget(String sql, Object... parameters) throws SQLException {
    try (Connection connection = target.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      assertThat(statement.executeUpdate()).isEqualTo(1);
    }
  }

  Verification verification() {
    SchemaInstaller.builder(source.dataSource()).build().install();
    Verification verification =
        Verification.builder(MIGRATION)
            .from(source.dataSource())
            .to(target.dataSource())
            .table("accounts")
            .config(BackfillConfig.builder().chunkSize(500, 10, 500).maxConcurrency(3).build())
            .liveTraffic(false)
            .build();
    verification.install();
    return verification;
  }

  private List<Difference> verify() {
    VerificationReport report = verification().run();
    return report.differences();
  }

  @Test
  void equalTablesVerifyCleanAndTheRunIsRecorded() throws SQLException {
    VerificationReport report = verification().run();

    assertThat(report.outcome()).isEqualTo(VerificationReport.Outcome.CLEAN);
    assertThat(report.rowsCompared()).isEqualTo(ROWS);
    assertThat(report.tables().get(0).chunks()).isGreaterThanOrEqualTo(5);
    try (Connection connection = source.connect();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT outcome, tables_compared, rows_compared, differences, finished_at_ms,"
                    + " started_at_ms FROM zdm_verifications WHERE migration = '"
                    + MIGRATION
                    + "'")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo("clean");
      assertThat(row.getInt(2)).isEqualTo(1);
      assertThat(row.getLong(3)).isEqualTo(ROWS);
      assertThat(row.getLong(4)).isZero();
      assertThat(row.getLong(5)).isGreaterThanOrEqualTo(row.getLong(6));
      assertThat(row.next()).isFalse();
    }
  }

  @Test
  void missingRow() throws SQLException {
    onTarget("DELETE FROM accounts WHERE id = ?", 1234L);
    onTarget("DELETE FROM accounts WHERE id = ?", 1L);

    assertThat(verify())
        .extracting(Difference::key, Difference::kind)
        .containsExactly(
            tuple(RowKey.of(1L), Difference.Kind.MISSING_ON_TARGET),
            tuple(RowKey.of(1234L), Difference.Kind.MISSING_ON_TARGET));
  }

  @Test
  void extraRowInsideAndBeyondTheSourceKeys() throws SQLException {
    try (Connection s = source.connect()) {
      s.createStatement().execute("DELETE FROM accounts WHERE id = 2002");
    }
    try (Connection connection = target.connect()) {
      insert(
          connection,
          to(),
          99_999,
          "x",
          null,
          1,
          BigDecimal.ONE,
          OffsetDateTime.now(ZoneOffset.UTC));
    }

    assertThat(verify())
        .extracting(Difference::key, Difference::kind)
        .containsExactly(
            tuple(RowKey.of(2002L), Difference.Kind.EXTRA_ON_TARGET),
            tuple(RowKey.of(99_999L), Difference.Kind.EXTRA_ON_TARGET));
  }

  @Test
  void oneColumnChanged() throws SQLException {
    onTarget("UPDATE accounts SET qty = qty + 1 WHERE id = ?", 777L);

    assertDifferent(777L, "qty");
  }

  @Test
  void nullVersusEmptyString() throws SQLException {
    onTarget("UPDATE accounts SET note = '' WHERE id = ?", 10L); // NULL on the source

    assertDifferent(10L, "note");
  }

  @Test
  void numericScale() throws SQLException {
    // The same value, 12.5, held with scale 1 instead of the source's 3
    onTarget("UPDATE accounts SET amount = CAST('12.5' AS NUMERIC) WHERE id = ?", 10L);

    assertDifferent(10L, "amount");
  }

  @Test
  void timestampZone() throws SQLException {
    // The source's UTC wall time written as if it were local time in UTC+02
    onTarget(
        "UPDATE accounts SET seen_at = CAST('2024-01-01 10:42:00+02' AS TIMESTAMPTZ) WHERE id = ?",
        42L);

    assertDifferent(42L, "seen_at");
  }

  @Test
  void unicodeNormalisation() throws SQLException {
    // NFD: e followed by a combining acute accent, where the source holds NFC é
    onTarget("UPDATE accounts SET name = ? WHERE id = ?", "cafe\u0301 2500", 2500L);

    assertDifferent(2500L, "name");
  }

  @Test
  void trailingSpaces() throws SQLException {
    onTarget("UPDATE accounts SET note = ? WHERE id = ?", "note 2999  ", 2999L);

    assertDifferent(2999L, "note");
  }

  @Test
  void everyKindAtOnceAndTheReportHoldsNoValues() throws SQLException {
    onTarget("DELETE FROM accounts WHERE id = ?", 3L);
    onTarget("UPDATE accounts SET note = '' WHERE id = ?", 5L);
    onTarget("UPDATE accounts SET name = ? WHERE id = ?", "cafe\u0301 6", 6L);
    try (Connection connection = target.connect()) {
      insert(
          connection, to(), 5000, "x", null, 1, BigDecimal.ONE, OffsetDateTime.now(ZoneOffset.UTC));
    }

    VerificationReport report = verification().run();

    assertThat(report.differences())
        .extracting(Difference::key, Difference::kind, Difference::columns)
        .containsExactlyInAnyOrder(
            tuple(RowKey.of(3L), Difference.Kind.MISSING_ON_TARGET, List.of()),
            tuple(RowKey.of(5L), Difference.Kind.DIFFERENT, List.of("note")),
            tuple(RowKey.of(6L), Difference.Kind.DIFFERENT, List.of("name")),
            tuple(RowKey.of(5000L), Difference.Kind.EXTRA_ON_TARGET, List.of()));
    assertThat(report.toJson()).doesNotContain("caf").doesNotContain("\"source\"");
    assertThat(report.toText()).contains("missing on target [3]").doesNotContain("caf");
    try (Connection connection = source.connect();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT outcome, differences, report FROM zdm_verifications ORDER BY id DESC")) {
      row.next();
      assertThat(row.getString(1)).isEqualTo("differences");
      assertThat(row.getLong(2)).isEqualTo(4);
      assertThat(row.getString(3)).contains("\"key\":[5000]").doesNotContain("caf");
    }
  }

  @Test
  void aFailedRunIsRecordedAsFailed() throws SQLException {
    Verification verification = verification();
    try (Connection connection = target.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE accounts");
    }

    assertThatThrownBy(verification::run)
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining(MIGRATION)
        .hasMessageContaining("accounts");
    try (Connection connection = source.connect();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT outcome, finished_at_ms, report FROM zdm_verifications")) {
      row.next();
      assertThat(row.getString(1)).isEqualTo("failed");
      assertThat(row.getObject(2)).isNotNull();
      assertThat(row.getString(3)).contains("\"outcome\":\"failed\"");
    }
  }

  @Test
  void anUnfinishedRunResumesFromTheRangesAlreadyFoundEqual() throws SQLException {
    Verification verification = verification();
    TablePair pair;
    try (Connection s = source.connect();
        Connection t = target.connect()) {
      pair = TablePair.read(TableMapping.identity("accounts"), s, t);
    }
    List<KeyRange> ranges =
        new JdbcTableComparator(MIGRATION, pair, source.dataSource(), target.dataSource())
            .plan(500);
    assertThat(ranges).hasSizeGreaterThan(2);
    CheckpointProgress progress =
        new CheckpointProgress(ZdmDatabase.of(source.dataSource()), MIGRATION);
    // An earlier run planned these ranges and found the first equal, then stopped.
    progress.save("accounts", ranges);
    progress.markDone("accounts", 0, 123);
    assertThat(progress.done("accounts")).containsExactly(Map.entry(0, 123L));
    long firstRangeRows = (Long) ranges.get(0).last().values().get(0);
    onTarget("UPDATE accounts SET qty = -1 WHERE id = ?", 1L); // in the range found equal
    onTarget("UPDATE accounts SET qty = -1 WHERE id = ?", 2999L);

    VerificationReport resumed = verification.run();
    assertThat(resumed.differences()).extracting(Difference::key).containsExactly(RowKey.of(2999L));
    assertThat(resumed.rowsCompared()).isEqualTo(123 + ROWS - firstRangeRows);
    assertThat(progress.ranges("accounts")).as("a finished run clears its progress").isEmpty();

    assertThat(verification.run().differences())
        .extracting(Difference::key)
        .containsExactly(RowKey.of(1L), RowKey.of(2999L));
  }

  private void assertDifferent(long id, String column) {
    assertThat(verify())
        .extracting(Difference::key, Difference::kind, Difference::columns)
        .containsExactly(tuple(RowKey.of(id), Difference.Kind.DIFFERENT, List.of(column)));
  }
}
