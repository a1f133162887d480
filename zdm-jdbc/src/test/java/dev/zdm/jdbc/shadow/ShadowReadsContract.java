package dev.zdm.jdbc.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.zdm.Phase;
import dev.zdm.control.PhaseState;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Shadow reads between two real databases, the phase fixed at {@code SHADOW} (a phase reader that
 * always says so, as the data source's own contract does; {@code ShadowReadsStatusTest} reaches the
 * phase through {@code MigrationControl}). Both sides hold the same {@code accounts} rows unless a
 * test plants a difference on the target; each test restores them.
 */
@RealDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ShadowReadsContract {

  static final String MIGRATION = "accounts-move";
  static final int ROWS = 200;
  static final String RANGE =
      "SELECT id, owner, balance, secret FROM accounts WHERE id BETWEEN ? AND ? ORDER BY id";
  static final String BY_ID = "SELECT id, owner, balance, secret FROM accounts WHERE id = ?";

  TestDatabase source;
  TestDatabase target;
  SimpleMeterRegistry meters;
  List<ShadowMismatch> mismatches;
  private final List<DualWriteDataSource> opened = new ArrayList<>();

  abstract Engine sourceEngine();

  /** A function with a side effect (it returns its argument), on the source's engine. */
  abstract String auditFunction();

  /** A locking read the source's engine supports besides FOR UPDATE. */
  abstract String sharedLockingRead();

  /**
   * The {@code documents} table on the source's engine: {@code id BIGINT PRIMARY KEY}, {@code data}
   * and {@code body} in its large binary and text types.
   */
  abstract String documentsTable();

  /**
   * Whether the source's driver serves {@code getBlob}/{@code getClob} on those columns (pgjdbc
   * reads them as large-object OIDs instead, so only the streams apply to bytea and text).
   */
  abstract boolean blobAndClobOnDocuments();

  @BeforeAll
  void databases(TestDatabases databases) throws SQLException {
    source = databases.create(sourceEngine(), "shadow_source");
    target = databases.create(Engine.POSTGRES, "shadow_target");
    sql(source, auditFunction().replace("{engine}", "source"));
    sql(target, "CREATE FUNCTION audit_touch(x BIGINT) RETURNS BIGINT LANGUAGE sql AS 'SELECT x'");
    for (TestDatabase db : List.of(source, target)) {
      sql(
          db,
          "CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner VARCHAR(100) NOT NULL,"
              + " balance NUMERIC(12,2) NOT NULL, secret VARCHAR(100), pos INTEGER NOT NULL)",
          "CREATE TABLE notes (body VARCHAR(100) NOT NULL)");
    }
    sql(source, documentsTable());
    sql(target, "CREATE TABLE documents (id BIGINT PRIMARY KEY, data BYTEA, body TEXT)");
  }

  @BeforeEach
  void sameData() throws SQLException {
    for (TestDatabase db : List.of(source, target)) {
      sql(db, "DELETE FROM accounts", "DELETE FROM notes");
      try (Connection connection = db.connect();
          PreparedStatement insert =
              connection.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?, ?, ?)")) {
        for (int id = 1; id <= ROWS; id++) {
          insert.setLong(1, id);
          insert.setString(2, "owner-" + id % 17);
          insert.setBigDecimal(3, new java.math.BigDecimal(id + ".25"));
          insert.setString(4, id % 5 == 0 ? null : "s" + id);
          insert.setInt(5, id);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      sql(db, "INSERT INTO notes VALUES ('a'), ('b'), ('b'), ('c')");
    }
    meters = new SimpleMeterRegistry();
    mismatches = new CopyOnWriteArrayList<>();
  }

  @AfterEach
  void closeReaders() {
    for (DualWriteDataSource dataSource : opened) {
      dataSource.shadowReader().ifPresent(ShadowReader::close);
    }
    opened.clear();
  }

  ShadowReads.Builder settings() {
    return ShadowReads.builder()
        .workers(2)
        .queueCapacity(100)
        .timeLimit(Duration.ofSeconds(5))
        .recheckDelay(Duration.ofMillis(50))
        .rechecks(1)
        .listener(
            new ShadowReadListener() {
              @Override
              public void mismatch(ShadowMismatch mismatch) {
                mismatches.add(mismatch);
              }
            });
  }

  DualWriteDataSource dataSource(ShadowReads shadowReads) {
    DualWriteDataSource dataSource =
        DualWriteDataSource.builder(MIGRATION)
            .source(source.dataSource())
            .target(target.dataSource())
            .phaseReader(() -> new PhaseState(MIGRATION, Phase.SHADOW, 3))
            .meterRegistry(meters)
            .shadowReads(shadowReads)
            .build();
    opened.add(dataSource);
    return dataSource;
  }

  static ShadowReader reader(DualWriteDataSource dataSource) {
    return dataSource.shadowReader().orElseThrow();
  }

  /** Reads a whole result through the data source; returns how many rows it had. */
  static int readAll(DualWriteDataSource dataSource, String sql, Object... parameters)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return drain(statement.executeQuery());
    }
  }

  /**
   * Runs a read the way a lookup does: its first row only, if any, then closes the result set.
   * Returns whether there was a row.
   */
  static boolean readFirst(DualWriteDataSource dataSource, String sql, Object... parameters)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet resultSet = statement.executeQuery()) {
        return resultSet.next();
      }
    }
  }

  static int drain(ResultSet resultSet) throws SQLException {
    int rows = 0;
    try (resultSet) {
      while (resultSet.next()) {
        rows++;
      }
    }
    return rows;
  }

  long compared(ShadowReader reader) {
    long total = 0;
    for (ShadowOutcome outcome : ShadowOutcome.values()) {
      total += reader.count(outcome);
    }
    return total;
  }

  double meter(String outcome) {
    return meters.find("zdm.shadow.reads").tag("outcome", outcome).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  // ---- mismatches ------------------------------------------------------------------------------

  @Test
  void aPlantedDifferenceIsAMismatchNamingItsKeyWithoutItsValue() throws Exception {
    sql(target, "UPDATE accounts SET secret = 'PLANTED-7731' WHERE id = 42");
    DualWriteDataSource dataSource = dataSource(settings().build());
    String withLiteral =
        "SELECT id, owner, secret FROM accounts WHERE owner <> 'literal-9182' AND id BETWEEN 40"
            + " AND 45 ORDER BY id";
    String log =
        StderrCapture.during(
            () -> {
              try (Connection connection = dataSource.getConnection();
                  Statement statement = connection.createStatement()) {
                assertThat(drain(statement.executeQuery(withLiteral))).isEqualTo(6);
              }
              await()
                  .atMost(Duration.ofSeconds(10))
                  .until(() -> reader(dataSource).count(ShadowOutcome.MISMATCH) == 1);
            });

    assertThat(mismatches).hasSize(1);
    ShadowMismatch mismatch = mismatches.get(0);
    assertThat(mismatch.kind()).isEqualTo(ShadowMismatch.Kind.ROWS);
    assertThat(mismatch.keyColumns()).containsExactly("id");
    assertThat(mismatch.rows()).hasSize(1);
    ShadowMismatch.RowDifference row = mismatch.rows().get(0);
    assertThat(row.key()).isEqualTo("id=42");
    assertThat(row.change()).isEqualTo(ShadowMismatch.Change.DIFFERENT);
    assertThat(row.columns()).containsExactly("secret");
    assertThat(row.sourceValues()).isNull();
    assertThat(row.targetValues()).isNull();
    assertThat(mismatch.toString()).doesNotContain("PLANTED-7731").doesNotContain("s42");
    assertThat(mismatch.fingerprint())
        .doesNotContain("literal-9182")
        .doesNotContain("40")
        .contains("FROM ACCOUNTS WHERE OWNER <> ?");
    assertThat(log).contains("shadow read mismatch").contains(MIGRATION);
    assertThat(log).doesNotContain("PLANTED-7731").doesNotContain("s42").doesNotContain("9182");
    assertThat(meter("mismatch")).isEqualTo(1.0);
    assertThat(reader(dataSource).count(ShadowOutcome.MATCH)).isZero();
  }

  @Test
  void aResultLongerThanTheDeferredRowsIsComparedWhole() throws Exception {
    // 600 rows: the first ShadowTap.DEFERRED_ROWS are digested on the worker, the rest at once.
    String wide =
        "SELECT a.id, a.secret, b.id AS other FROM accounts a JOIN accounts b ON b.id <= 3"
            + " ORDER BY a.id, b.id";
    assertThat(ROWS * 3).isGreaterThan(ShadowTap.DEFERRED_ROWS + 100);
    DualWriteDataSource dataSource = dataSource(settings().build());
    ShadowReader reader = reader(dataSource);
    assertThat(readAll(dataSource, wide)).isEqualTo(ROWS * 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> reader.count(ShadowOutcome.MATCH) == 1);

    sql(target, "UPDATE accounts SET secret = 'late' WHERE id = 190"); // rows 568 to 570
    assertThat(readAll(dataSource, wide)).isEqualTo(ROWS * 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> reader.count(ShadowOutcome.MISMATCH) == 1);

    sql(
        target,
        "UPDATE accounts SET secret = NULL WHERE id = 190",
        "UPDATE accounts SET secret = 'early' WHERE id = 2"); // rows 4 to 6
    assertThat(readAll(dataSource, wide)).isEqualTo(ROWS * 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> reader.count(ShadowOutcome.MISMATCH) == 2);
    assertThat(reader.count(ShadowOutcome.MATCH)).isEqualTo(1);
  }

  @Test
  void valuesAreReportedOnlyWhenOptedIn() throws Exception {
    sql(target, "UPDATE accounts SET secret = 'PLANTED-7731' WHERE id = 42");
    DualWriteDataSource dataSource = dataSource(settings().includeValues(true).build());
    readAll(dataSource, RANGE, 40, 45);
    await().atMost(Duration.ofSeconds(10)).until(() -> mismatches.size() == 1);
    ShadowMismatch.RowDifference row = mismatches.get(0).rows().get(0);
    assertThat(row.targetValues()).containsEntry("secret", "PLANTED-7731");
    assertThat(row.sourceValues()).containsEntry("secret", "s42");
  }

  @Test
  void configuredKeyColumnsNameRowsWhenTheResultLacksThePrimaryKey() throws Exception {
    sql(target, "UPDATE accounts SET owner = 'moved' WHERE id = 44");
    DualWriteDataSource dataSource =
        dataSource(settings().keyColumns("accounts", "account_no").build());
    readAll(
        dataSource,
        "SELECT id AS account_no, owner FROM accounts WHERE id BETWEEN ? AND ?",
        40,
        45);
    await().atMost(Duration.ofSeconds(10)).until(() -> mismatches.size() == 1);
    ShadowMismatch mismatch = mismatches.get(0);
    assertThat(mismatch.keyColumns()).containsExactly("account_no");
    assertThat(mismatch.rows())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.key()).isEqualTo("account_no=44");
              assertThat(row.columns()).containsExactly("owner");
            });
  }

  @Test
  void missingAndExtraRowsWithoutAKeyAreNamedByPosition() throws Exception {
    sql(target, "UPDATE notes SET body = 'z' WHERE body = 'c'");
    DualWriteDataSource dataSource = dataSource(settings().build());
    assertThat(readAll(dataSource, "SELECT body FROM notes")).isEqualTo(4);
    await().atMost(Duration.ofSeconds(10)).until(() -> mismatches.size() == 1);
    ShadowMismatch mismatch = mismatches.get(0);
    assertThat(mismatch.keyColumns()).isEmpty();
    assertThat(mismatch.rows())
        .extracting(ShadowMismatch.RowDifference::change)
        .containsExactlyInAnyOrder(
            ShadowMismatch.Change.MISSING_ON_TARGET, ShadowMismatch.Change.EXTRA_ON_TARGET);
    assertThat(mismatch.rows()).allSatisfy(r -> assertThat(r.key()).startsWith("#"));
  }

  @Test
  void identicalDataGivesNoMismatchOverTenThousandShadowedReads() throws Exception {
    DualWriteDataSource dataSource =
        dataSource(settings().workers(4).queueCapacity(10_000).build());
    int threads = 4;
    int perThread = 2_500;
    ExecutorService callers = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        done.add(
            callers.submit(
                () -> {
                  try (Connection connection = dataSource.getConnection();
                      PreparedStatement byId =
                          connection.prepareStatement(
                              "SELECT id, owner, balance, secret FROM accounts WHERE id = ?");
                      PreparedStatement range = connection.prepareStatement(RANGE)) {
                    for (int i = 0; i < perThread; i++) {
                      int id = 1 + (i * 7 + seed) % ROWS;
                      if (i % 10 == 0) {
                        range.setLong(1, id);
                        range.setLong(2, id + 20);
                        drain(range.executeQuery());
                      } else {
                        byId.setLong(1, id);
                        drain(byId.executeQuery());
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      callers.shutdownNow();
    }
    ShadowReader reader = reader(dataSource);
    await().atMost(Duration.ofSeconds(60)).until(() -> compared(reader) == threads * perThread);
    assertThat(reader.count(ShadowOutcome.MATCH)).isEqualTo(threads * perThread);
    assertThat(reader.count(ShadowOutcome.MISMATCH)).isZero();
    assertThat(mismatches).isEmpty();
  }

  // ---- ordering --------------------------------------------------------------------------------

  @Test
  void aTopLevelOrderByComparesOrderAndOtherwiseRowsCompareAsAMultiset() throws Exception {
    // The same ids on both sides, ordered differently by pos on the target.
    sql(target, "UPDATE accounts SET pos = 1000 - pos WHERE id <= 5");
    DualWriteDataSource dataSource = dataSource(settings().build());
    ShadowReader reader = reader(dataSource);

    readAll(dataSource, "SELECT id FROM accounts WHERE id <= 5 ORDER BY pos");
    await().atMost(Duration.ofSeconds(10)).until(() -> compared(reader) == 1);
    assertThat(reader.count(ShadowOutcome.MISMATCH, "order")).isEqualTo(1);
    assertThat(mismatches.get(0).kind()).isEqualTo(ShadowMismatch.Kind.ORDER);

    // An ORDER BY inside a subquery does not order the statement's result: a multiset.
    readAll(
        dataSource,
        "SELECT id FROM (SELECT id, pos FROM accounts WHERE id <= 5 ORDER BY pos LIMIT 100) t");
    readAll(dataSource, "SELECT id FROM accounts WHERE id <= 5");
    await().atMost(Duration.ofSeconds(10)).until(() -> compared(reader) == 3);
    assertThat(reader.count(ShadowOutcome.MATCH)).isEqualTo(2);
    assertThat(reader.count(ShadowOutcome.MISMATCH)).isEqualTo(1);
  }

  // ---- the ignore hook and the recheck ----------------------------------------------------------

  @Test
  void anExpectedDifferenceIsCountedIgnored() throws Exception {
    sql(target, "UPDATE accounts SET secret = 'other' WHERE id = 43");
    DualWriteDataSource dataSource =
        dataSource(
            settings()
                .ignore(m -> m.rows().stream().allMatch(r -> r.columns().equals(List.of("secret"))))
                .build());
    readAll(dataSource, RANGE, 40, 45);
    ShadowReader reader = reader(dataSource);
    await().atMost(Duration.ofSeconds(10)).until(() -> compared(reader) == 1);
    assertThat(reader.count(ShadowOutcome.IGNORED)).isEqualTo(1);
    assertThat(reader.count(ShadowOutcome.MISMATCH)).isZero();
    assertThat(mismatches).isEmpty();
    assertThat(meter("ignored")).isEqualTo(1.0);
  }

  /**
   * The source changed and the target catches up (as the relay would) between the caller's read and
   * the re-read: the difference does not persist, so it is no mismatch.
   */
  @Test
  void aDifferenceTheRelayCatchesUpWithIsNotAMismatch() throws Exception {
    DualWriteDataSource dataSource =
        dataSource(settings().recheckDelay(Duration.ofSeconds(1)).build());
    ShadowReader reader = reader(dataSource);
    sql(source, "UPDATE accounts SET balance = 9.99 WHERE id = 44");

    readAll(dataSource, RANGE, 40, 45);
    await().atMost(Duration.ofSeconds(10)).until(() -> reader.rechecking() == 1);
    sql(target, "UPDATE accounts SET balance = 9.99 WHERE id = 44");

    await().atMost(Duration.ofSeconds(10)).until(() -> compared(reader) == 1);
    assertThat(reader.count(ShadowOutcome.MATCH, "rechecked")).isEqualTo(1);
    assertThat(reader.count(ShadowOutcome.MISMATCH)).isZero();
  }

  /**
   * A live writer keeps changing rows on the source and, 20 ms later, on the target (a relay with
   * lag): no read is reported as a mismatch. One re-read only, so it is the rule "a row counts only
   * while the source still has the version the caller read" that keeps the writer's in-flight row
   * out (without it this test sees mismatches). The re-read waits a second, far above the writer's
   * 20 ms: on a loaded machine the writer's thread can be off the CPU for longer than a short
   * delay, and a lag longer than the re-read window is a real difference by design.
   */
  @Test
  void aLiveWriterWithRelayLagCausesNoMismatch() throws Exception {
    DualWriteDataSource dataSource =
        dataSource(
            settings().recheckDelay(Duration.ofSeconds(1)).rechecks(1).queueCapacity(500).build());
    ShadowReader reader = reader(dataSource);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger written =
        new java.util.concurrent.atomic.AtomicInteger();
    Future<?> writes =
        writer.submit(
            () -> {
              try (Connection s = source.connect();
                  Connection t = target.connect();
                  PreparedStatement onSource =
                      s.prepareStatement("UPDATE accounts SET balance = balance + 1 WHERE id = ?");
                  PreparedStatement onTarget =
                      t.prepareStatement(
                          "UPDATE accounts SET balance = balance + 1 WHERE id = ?")) {
                while (!stop.get()) {
                  long id = 1 + written.get() % 10;
                  onSource.setLong(1, id);
                  onSource.executeUpdate();
                  java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
                  onTarget.setLong(1, id);
                  onTarget.executeUpdate();
                  written.incrementAndGet();
                }
              }
              return null;
            });
    int reads = 0;
    try {
      // Read on while the writer makes at least 40 changes (about a second of live traffic).
      while (reads < 150 || written.get() < 40) {
        readAll(dataSource, RANGE, 1, 10);
        reads++;
      }
    } finally {
      stop.set(true);
      writes.get();
      writer.shutdown();
    }
    int total = reads;
    await().atMost(Duration.ofSeconds(30)).until(() -> compared(reader) == total);
    assertThat(reader.count(ShadowOutcome.MISMATCH)).isZero();
    assertThat(reader.count(ShadowOutcome.ERROR) + reader.count(ShadowOutcome.TIMEOUT)).isZero();
    // Reads the workers could not take are skipped (queue full), and differences on rows the
    // writer changed again before the re-read are inconclusive (source-changed); the rest match.
    assertThat(reader.count(ShadowOutcome.MATCH)).isGreaterThanOrEqualTo(100);
    // The lag did show: some first comparisons differed and went through the re-read.
    assertThat(
            reader.count(ShadowOutcome.MATCH, "rechecked")
                + reader.count(ShadowOutcome.SKIPPED, "source-changed"))
        .isPositive();
  }

  // ---- a slow target, a full queue
  // ---------------------------------------------------------------

  @Test
  void aSlowTargetNeverSlowsTheCallerAndShadowsTimeOut() throws Exception {
    DualWriteDataSource dataSource =
        dataSource(settings().timeLimit(Duration.ofMillis(300)).build());
    ShadowReader reader = reader(dataSource);
    int reads = 20;
    try (Connection lock = target.connect()) {
      lock.setAutoCommit(false);
      try (Statement statement = lock.createStatement()) {
        statement.execute("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
      }
      for (int i = 0; i < reads; i++) {
        assertThat(readAll(dataSource, RANGE, 1, 5)).isEqualTo(5);
      }
      // Every caller read finished while the lock is still held, without waiting for its shadow:
      // with 2 workers and a 300 ms limit the shadows take at least 3 s to be counted.
      assertThat(compared(reader)).isLessThan(reads);
      await().atMost(Duration.ofSeconds(15)).until(() -> compared(reader) == reads);
      assertThat(reader.count(ShadowOutcome.TIMEOUT)).isEqualTo(reads);
      lock.rollback();
    }
    assertThat(meter("timeout")).isEqualTo(reads);
    readAll(dataSource, RANGE, 1, 5);
    await().atMost(Duration.ofSeconds(10)).until(() -> reader.count(ShadowOutcome.MATCH) == 1);
  }

  @Test
  void aFullQueueSkipsTheShadowAndNeverTheRead() throws Exception {
    DualWriteDataSource dataSource =
        dataSource(
            settings().workers(1).queueCapacity(1).timeLimit(Duration.ofSeconds(20)).build());
    ShadowReader reader = reader(dataSource);
    int reads = 10;
    try (Connection lock = target.connect()) {
      lock.setAutoCommit(false);
      try (Statement statement = lock.createStatement()) {
        statement.execute("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
      }
      for (int i = 0; i < reads; i++) {
        readAll(dataSource, RANGE, 1, 5);
      }
      assertThat(reader.count(ShadowOutcome.SKIPPED, "queue-full")).isGreaterThanOrEqualTo(8);
      assertThat(reader.report().figures().get("queueDepth")).isIn(0, 1);
      lock.rollback();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> compared(reader) == reads);
    assertThat(reader.count(ShadowOutcome.MATCH) + reader.count(ShadowOutcome.SKIPPED))
        .isEqualTo(reads);
    assertThat(meter("skipped")).isEqualTo(reader.count(ShadowOutcome.SKIPPED));
  }

  // ---- results closed before their end -------------------------------------------------------

  /**
   * The usual lookup reads its row and closes the result set before {@code next()} returned false:
   * the tap reads on to the end (nothing left here) and compares. So it does whoever closes the
   * result set: the application, the same statement running again or closing, or the connection
   * closing.
   */
  @Test
  void singleRowLookupsClosedAfterTheirRowAreCompared() throws Exception {
    DualWriteDataSource dataSource = dataSource(settings().build());
    ShadowReader reader = reader(dataSource);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement lookup = connection.prepareStatement(BY_ID)) {
      for (int id = 1; id <= 20; id++) {
        lookup.setLong(1, id);
        try (ResultSet rows = lookup.executeQuery()) {
          if (rows.next()) {
            assertThat(rows.getLong("id")).isEqualTo(id);
          }
        }
      }
      // Left open: closed by the statement's next execution, the last by the statement's close.
      for (int id = 21; id <= 30; id++) {
        lookup.setLong(1, id);
        assertThat(lookup.executeQuery().next()).isTrue();
      }
    }
    // Left open with its statement: closed by the connection's close.
    try (Connection connection = dataSource.getConnection()) {
      PreparedStatement lookup = connection.prepareStatement(BY_ID);
      lookup.setLong(1, 31);
      assertThat(lookup.executeQuery().next()).isTrue();
    }
    int reads = 31;
    assertThat(reader.sampledReads()).isEqualTo(reads);
    await().atMost(Duration.ofSeconds(20)).until(() -> compared(reader) == reads);
    assertThat(reader.count(ShadowOutcome.MATCH)).isEqualTo(reads);
    assertThat(mismatches).isEmpty();
  }

  /**
   * A planted difference on the target is found by a lookup closed after its row, and by a range
   * closed after its first row (the tap read the differing row itself): each mismatch names the key
   * and no value.
   */
  @Test
  void aLookupClosedAfterItsRowFindsAPlantedDifferenceByKeyWithoutValues() throws Exception {
    sql(target, "UPDATE accounts SET secret = 'PLANTED-7731' WHERE id = 42");
    DualWriteDataSource dataSource = dataSource(settings().build());
    ShadowReader reader = reader(dataSource);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement lookup = connection.prepareStatement(BY_ID);
        PreparedStatement range = connection.prepareStatement(RANGE)) {
      lookup.setLong(1, 42);
      try (ResultSet rows = lookup.executeQuery()) {
        if (rows.next()) {
          assertThat(rows.getString("secret")).isEqualTo("s42");
        }
      }
      range.setLong(1, 40);
      range.setLong(2, 45);
      try (ResultSet rows = range.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getLong("id")).isEqualTo(40);
      }
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> compared(reader) == 2);
    assertThat(reader.count(ShadowOutcome.MISMATCH)).isEqualTo(2);
    assertThat(mismatches)
        .hasSize(2)
        .allSatisfy(
            mismatch -> {
              assertThat(mismatch.kind()).isEqualTo(ShadowMismatch.Kind.ROWS);
              assertThat(mismatch.keyColumns()).containsExactly("id");
              ShadowMismatch.RowDifference row = mismatch.rows().get(0);
              assertThat(mismatch.rows()).hasSize(1);
              assertThat(row.key()).isEqualTo("id=42");
              assertThat(row.change()).isEqualTo(ShadowMismatch.Change.DIFFERENT);
              assertThat(row.columns()).containsExactly("secret");
              assertThat(row.sourceValues()).isNull();
              assertThat(row.targetValues()).isNull();
              assertThat(mismatch.toString()).doesNotContain("PLANTED-7731").doesNotContain("s42");
            });
  }

  @Test
  void aResultClosedWithMoreRowsLeftThanTheDrainBoundIsSkippedStoppedEarly() throws Exception {
    DualWriteDataSource dataSource = dataSource(settings().build());
    ShadowReader reader = reader(dataSource);
    // All 200 rows, one read: 199 left, above the default bound of 100.
    assertThat(readFirst(dataSource, RANGE, 1, ROWS)).isTrue();
    // Counted as the result set closed, on the caller's thread; nothing was queued.
    assertThat(reader.count(ShadowOutcome.SKIPPED, "stopped-early")).isEqualTo(1);
    assertThat(compared(reader)).isEqualTo(1);
    assertThat(reader.report().figures())
        .containsEntry("drainOnClose", ShadowReads.DEFAULT_DRAIN_ON_CLOSE)
        .containsEntry("queueDepth", 0);
  }

  @Test
  void theDrainBoundIsTheMostRowsLeftThatAreStillCompared() throws Exception {
    DualWriteDataSource dataSource = dataSource(settings().drainOnClose(10).build());
    ShadowReader reader = reader(dataSource);
    // 12 rows, one read: 11 left, one above the bound.
    readFirst(dataSource, RANGE, 1, 12);
    assertThat(reader.count(ShadowOutcome.SKIPPED, "stopped-early")).isEqualTo(1);
    // 11 rows, one read: exactly the bound left, read on and compared.
    readFirst(dataSource, RANGE, 1, 11);
    await().atMost(Duration.ofSeconds(10)).until(() -> compared(reader) == 2);
    assertThat(reader.count(ShadowOutcome.MATCH)).isEqualTo(1);
  }

  @Test
  void withADrainBoundOfZeroEveryResultClosedBeforeItsEndIsSkipped() throws Exception {
    DualWriteDataSource dataSource = dataSource(settings().drainOnClose(0).build());
    ShadowReader reader = reader(dataSource);
    assertThat(readFirst(dataSource, BY_ID, 7)).isTrue();
    assertThat(reader.count(ShadowOutcome.SKIPPED, "stopped-early")).isEqualTo(1);
    assertThat(compared(reader)).isEqualTo(1);
  }

  /**
   * With a fetch size the driver may not hold the rows left yet (a cursor, a stream): fetching them
   * could fail where the application would not, in PostgreSQL aborting its transaction. Such a
   * result is not read on, and the application's transaction goes on untouched.
   */
  @Test
  void aResultReadWithAFetchSizeIsNotReadOnAtClose() throws Exception {
    DualWriteDataSource dataSource = dataSource(settings().build());
    ShadowReader reader = reader(dataSource);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(RANGE)) {
        statement.setFetchSize(2);
        statement.setLong(1, 1);
        statement.setLong(2, 5);
        try (ResultSet rows = statement.executeQuery()) {
          assertThat(rows.next()).isTrue();
        }
      }
      assertThat(drain(query(connection, "SELECT id FROM accounts WHERE id <= 3"))).isEqualTo(3);
      connection.commit();
    }
    assertThat(reader.count(ShadowOutcome.SKIPPED, "stopped-early")).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> compared(reader) == 2);
    assertThat(reader.count(ShadowOutcome.MATCH)).isEqualTo(1);
  }

  /**
   * The driver's result set closed under the data source's (as a driver may on its own): reading on
   * fails, which is counted and never reaches the caller, whose close succeeds.
   */
  @Test
  void aFailureWhileReadingOnIsCountedAndTheCloseStillSucceeds() throws Exception {
    Class<? extends ResultSet> driverResultSet;
    try (Connection direct = source.connect();
        ResultSet rows = direct.createStatement().executeQuery("SELECT 1")) {
      driverResultSet = rows.getClass();
    }
    DualWriteDataSource dataSource = dataSource(settings().build());
    ShadowReader reader = reader(dataSource);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(RANGE)) {
      statement.setLong(1, 1);
      statement.setLong(2, 5);
      ResultSet rows = statement.executeQuery();
      assertThat(rows.next()).isTrue();
      rows.unwrap(driverResultSet).close();
      assertThatCode(rows::close).doesNotThrowAnyException();
      assertThat(rows.isClosed()).isTrue();
      // The connection goes on serving reads.
      assertThat(drain(query(connection, "SELECT id FROM accounts WHERE id <= 3"))).isEqualTo(3);
    }
    assertThat(reader.count(ShadowOutcome.SKIPPED, "drain-failed")).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> compared(reader) == 2);
    assertThat(reader.count(ShadowOutcome.MATCH)).isEqualTo(1);
  }

  // ---- large values ----------------------------------------------------------------------------

  /**
   * The tap reads every column of a sampled row, on the caller's thread, before the application
   * does. Large binary and text values (bytea and text, LONGBLOB and LONGTEXT) still reach the
   * application whole through its streams, and through Blob and Clob where the driver serves them
   * on such columns; and the reads are compared.
   */
  @Test
  void largeValuesReadThroughStreamsAndLobsAreWholeAfterTheTapDigestedThem() throws Exception {
    int documents = 3;
    byte[][] data = new byte[documents][];
    String[] body = new String[documents];
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < documents; i++) {
      data[i] = new byte[300_000 + i];
      random.nextBytes(data[i]);
      body[i] = ("zdm-\u00fc\u20ac-" + i + "\n").repeat(25_000);
    }
    for (TestDatabase db : List.of(source, target)) {
      sql(db, "DELETE FROM documents");
      try (Connection connection = db.connect();
          PreparedStatement insert =
              connection.prepareStatement("INSERT INTO documents VALUES (?, ?, ?)")) {
        for (int i = 0; i < documents; i++) {
          insert.setLong(1, i + 1);
          insert.setBytes(2, data[i]);
          insert.setString(3, body[i]);
          insert.executeUpdate();
        }
      }
    }
    DualWriteDataSource dataSource = dataSource(settings().build());
    ShadowReader reader = reader(dataSource);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement all =
            connection.prepareStatement("SELECT id, data, body FROM documents ORDER BY id");
        PreparedStatement lookup =
            connection.prepareStatement("SELECT id, data, body FROM documents WHERE id = ?")) {
      try (ResultSet rows = all.executeQuery()) {
        for (int i = 0; i < documents; i++) {
          assertThat(rows.next()).isTrue();
          assertWhole(rows, data[i], body[i]);
        }
        assertThat(rows.next()).isFalse();
      }
      // A lookup closed after its row: the tap reads on at close, after the application's reads.
      lookup.setLong(1, 2);
      try (ResultSet rows = lookup.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertWhole(rows, data[1], body[1]);
      }
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> compared(reader) == 2);
    assertThat(reader.count(ShadowOutcome.MATCH)).isEqualTo(2);
  }

  private void assertWhole(ResultSet rows, byte[] data, String body) throws Exception {
    try (java.io.InputStream in = rows.getBinaryStream("data")) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    try (java.io.Reader in = rows.getCharacterStream("body")) {
      assertThat(text(in)).isEqualTo(body);
    }
    if (blobAndClobOnDocuments()) {
      java.sql.Blob blob = rows.getBlob("data");
      assertThat(blob.length()).isEqualTo(data.length);
      try (java.io.InputStream in = blob.getBinaryStream()) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
      java.sql.Clob clob = rows.getClob("body");
      try (java.io.Reader in = clob.getCharacterStream()) {
        assertThat(text(in)).isEqualTo(body);
      }
    }
    // And once more as bytes and text, after the streams.
    assertThat(rows.getBytes("data")).isEqualTo(data);
    assertThat(rows.getString("body")).isEqualTo(body);
  }

  private static String text(java.io.Reader in) throws java.io.IOException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    for (int n; (n = in.read(buffer)) != -1; ) {
      text.append(buffer, 0, n);
    }
    return text.toString();
  }

  // ---- what is never shadowed
  // --------------------------------------------------------------------

  @Test
  void lockingReadsListedFunctionsAndReadsAfterAWriteAreNeverShadowed() throws Exception {
    DualWriteDataSource dataSource =
        dataSource(settings().sampleOneIn(1).sideEffectFunctions("AUDIT_TOUCH").build());
    ShadowReader reader = reader(dataSource);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      drain(query(connection, "SELECT id FROM accounts WHERE id = 1 FOR UPDATE"));
      drain(query(connection, sharedLockingRead()));
      // Before the write (locking reads do not write), a read in the same transaction is shadowed;
      // after it, not.
      drain(query(connection, "SELECT id, owner FROM accounts WHERE id = 3"));
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("UPDATE accounts SET owner = 'mine' WHERE id = 3");
      }
      drain(query(connection, "SELECT id, owner FROM accounts WHERE id = 3"));
      connection.rollback();
      // The next transaction starts clean.
      drain(query(connection, "SELECT id, owner FROM accounts WHERE id = 4"));
      connection.commit();
    }
    try (Connection connection = dataSource.getConnection()) {
      drain(query(connection, "SELECT audit_touch(id) FROM accounts WHERE id = 2"));
      drain(query(connection, "SELECT AUDIT_TOUCH(id) FROM accounts WHERE id = 2"));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> compared(reader) == 2);
    assertThat(reader.count(ShadowOutcome.MATCH)).isEqualTo(2);
    assertThat(reader.refusals("locking-read")).isEqualTo(2);
    assertThat(reader.refusals("side-effect-function")).isEqualTo(2);
    assertThat(reader.refusals("written-in-transaction")).isEqualTo(1);
    assertThat(reader.report().figures()).containsKey("notShadowed");
  }

  @Test
  void sampleOneInNShadowsEveryNthRead() throws Exception {
    DualWriteDataSource dataSource = dataSource(settings().sampleOneIn(4).build());
    for (int i = 0; i < 20; i++) {
      readAll(dataSource, RANGE, 1, 3);
    }
    ShadowReader reader = reader(dataSource);
    // A counter, not a draw: exactly the 1st, 5th, 9th, ... read.
    assertThat(reader.sampledReads()).isEqualTo(5);
    await().atMost(Duration.ofSeconds(10)).until(() -> compared(reader) == 5);
    assertThat(reader.count(ShadowOutcome.MATCH)).isEqualTo(5);
    assertThat(reader.report().figures()).containsEntry("samplePercent", 25.0);
  }

  /**
   * {@code samplePercent} draws at random per read (unlike {@code sampleOneIn}): 10% of 2,000 reads
   * is 200 on average, with a standard deviation of about 13; 140 to 260 is over four of them each
   * way. Each sampled read, a lookup closed after its row, is compared.
   */
  @Test
  void samplePercentShadowsAboutThatShareOfReads() throws Exception {
    DualWriteDataSource dataSource =
        dataSource(settings().samplePercent(10).queueCapacity(2_000).build());
    ShadowReader reader = reader(dataSource);
    int reads = 2_000;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement lookup = connection.prepareStatement(BY_ID)) {
      for (int i = 0; i < reads; i++) {
        lookup.setLong(1, 1 + i % ROWS);
        try (ResultSet rows = lookup.executeQuery()) {
          assertThat(rows.next()).isTrue();
        }
      }
    }
    long sampled = reader.sampledReads();
    assertThat(sampled).isBetween(140L, 260L);
    await().atMost(Duration.ofSeconds(60)).until(() -> compared(reader) == sampled);
    assertThat(reader.count(ShadowOutcome.MATCH)).isEqualTo(sampled);
    assertThat(reader.report().figures()).containsEntry("samplePercent", 10.0);
  }

  @Test
  void outsideTheShadowPhaseNothingIsShadowed() throws Exception {
    DualWriteDataSource dataSource =
        DualWriteDataSource.builder(MIGRATION)
            .source(source.dataSource())
            .target(target.dataSource())
            .phaseReader(() -> new PhaseState(MIGRATION, Phase.DUAL_WRITE, 2))
            .shadowReads(settings().build())
            .build();
    opened.add(dataSource);
    readAll(dataSource, RANGE, 1, 3);
    assertThat(compared(reader(dataSource))).isZero();
    assertThat(reader(dataSource).report().figures()).containsEntry("queueDepth", 0);
  }

  static ResultSet query(Connection connection, String sql) throws SQLException {
    return connection.prepareStatement(sql).executeQuery();
  }

  static void sql(TestDatabase db, String... statements) throws SQLException {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
