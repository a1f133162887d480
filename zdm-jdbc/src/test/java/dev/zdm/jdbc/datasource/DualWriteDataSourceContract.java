package dev.zdm.jdbc.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.zdm.Phase;
import dev.zdm.control.Fence;
import dev.zdm.control.PhaseState;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The JDBC contract and the routing of {@link DualWriteDataSource}, against two real databases of
 * one engine. Each side has a table {@code items} whose test trigger refuses writes with SQLSTATE
 * {@code ZD001} while that side's {@code fence_switch} row says so: the fence, simulated. The phase
 * comes from a {@link SwitchablePhaseReader} the test switches.
 */
@RealDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DualWriteDataSourceContract {

  static final String MIGRATION = "items-move";

  TestDatabase source;
  TestDatabase target;

  SwitchablePhaseReader phases;
  SimpleMeterRegistry meters;
  List<String> events;

  /** The engine both databases run. */
  abstract Engine engine();

  /** The statements that create the fence: table fence_switch and a trigger on items. */
  abstract List<String> fenceDdl();

  /** A column definition of a generated bigint key. */
  abstract String identityColumn();

  /** The driver's connection interface or class, reached through unwrap. */
  abstract Class<?> driverConnection();

  /** Creates a function {@code add_one(int) -> int}; null when the engine is not tested for it. */
  abstract String addOneFunction();

  /** The driver's prepared statement interface or class, reached through unwrap. */
  abstract Class<?> driverPreparedStatement();

  /** Whether the driver reports the read-only flag it was given (H2 reports the database's). */
  boolean keepsReadOnlyFlag() {
    return true;
  }

  /** Whether the driver keeps the client info property ApplicationName. */
  boolean keepsApplicationName() {
    return true;
  }

  @BeforeAll
  void databases(TestDatabases databases) throws SQLException {
    source = databases.create(engine(), "dw_source");
    target = databases.create(engine(), "dw_target");
    for (TestDatabase db : List.of(source, target)) {
      List<String> ddl = new ArrayList<>();
      ddl.add("CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(100))");
      ddl.add(
          "CREATE TABLE gen_items (id " + identityColumn() + " PRIMARY KEY, name VARCHAR(100))");
      ddl.add("CREATE TABLE fence_switch (fenced INT NOT NULL)");
      ddl.add("INSERT INTO fence_switch VALUES (0)");
      ddl.addAll(fenceDdl());
      if (addOneFunction() != null) {
        ddl.add(addOneFunction());
      }
      sql(db, ddl.toArray(String[]::new));
    }
  }

  @BeforeEach
  void cleanSlate() throws SQLException {
    for (TestDatabase db : List.of(source, target)) {
      sql(db, "UPDATE fence_switch SET fenced = 0", "DELETE FROM items", "DELETE FROM gen_items");
    }
    fence(target, true);
    phases = new SwitchablePhaseReader(MIGRATION, Phase.DUAL_WRITE);
    meters = new SimpleMeterRegistry();
    events = new CopyOnWriteArrayList<>();
  }

  DualWriteDataSource.Builder builder() {
    return DualWriteDataSource.builder(MIGRATION)
        .source(source.dataSource())
        .target(target.dataSource())
        .phaseReader(phases)
        .phaseRefresh(Duration.ofMinutes(1))
        .meterRegistry(meters)
        .listener(
            new DualWriteListener() {
              @Override
              public void rerouted(Phase.Side from, Phase.Side to, PhaseState phase) {
                events.add("rerouted " + from + "->" + to + " in " + phase.phase());
              }

              @Override
              public void refusedInTransaction(Phase.Side side, PhaseState phase) {
                events.add("refused on " + side + " in " + phase.phase());
              }

              @Override
              public void waitedForCutover(Duration waited, PhaseState phase, boolean timedOut) {
                events.add("waited " + (timedOut ? "and gave up in " : "until ") + phase.phase());
              }
            });
  }

  DualWriteDataSource dataSource() {
    return builder().build();
  }

  // ---- binding and routing -------------------------------------------------------------------

  @Test
  void aConnectionBorrowsNothingUntilItsFirstStatement() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      Statement statement = connection.createStatement();
      assertThat(active(source)).isZero();
      assertThat(active(target)).isZero();
      assertThat(phases.reads()).isZero();
      statement.executeUpdate("INSERT INTO items VALUES (1, 'a')");
      assertThat(active(source)).isEqualTo(1);
      assertThat(active(target)).isZero();
      connection.commit();
    }
    assertThat(active(source)).isZero();
    assertThat(ids(source)).containsExactly(1L);
  }

  @Test
  void eachPhaseRoutesToItsAuthoritativeSide() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    long id = 0;
    for (Phase phase :
        List.of(
            Phase.OFF, Phase.DUAL_WRITE, Phase.SHADOW, Phase.TARGET_PRIMARY, Phase.TARGET_ONLY)) {
      boolean onTarget = phase.authoritative() == Phase.Side.TARGET;
      fence(source, onTarget);
      fence(target, !onTarget);
      phases.set(phase);
      dataSource.refreshPhase();
      id++;
      try (Connection connection = dataSource.getConnection();
          PreparedStatement insert =
              connection.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
        insert.setLong(1, id);
        insert.setString(2, phase.name());
        assertThat(insert.executeUpdate()).isEqualTo(1);
      }
      assertThat(ids(onTarget ? target : source)).as(phase.name()).contains(id);
      assertThat(ids(onTarget ? source : target)).as(phase.name()).doesNotContain(id);
    }
    // No fence refusal was needed: routing followed the phase.
    assertThat(counter("zdm.datasource.fence.refusals", "source")).isZero();
    assertThat(counter("zdm.datasource.statements", "source")).isEqualTo(3);
    assertThat(counter("zdm.datasource.statements", "target")).isEqualTo(2);
  }

  @Test
  void theCachedPhaseIsReadOncePerRefreshInterval() throws SQLException {
    AtomicLong nanos = new AtomicLong();
    DualWriteDataSource dataSource =
        builder().phaseRefresh(Duration.ofMillis(500)).ticker(nanos::get).build();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (int i = 0; i < 20; i++) {
        statement.executeQuery("SELECT 1").close();
      }
      assertThat(phases.reads()).isEqualTo(1);
      // The phase moves without any fence signal: routing may lag by up to the refresh interval.
      switchWithoutTelling(Phase.TARGET_PRIMARY);
      nanos.addAndGet(Duration.ofMillis(499).toNanos());
      statement.executeQuery("SELECT 1").close();
      assertThat(phases.reads()).isEqualTo(1);
      nanos.addAndGet(Duration.ofMillis(2).toNanos());
      statement.executeUpdate("INSERT INTO items VALUES (1, 'fresh phase')");
      assertThat(phases.reads()).isEqualTo(2);
    }
    assertThat(ids(target)).containsExactly(1L);
    assertThat(ids(source)).isEmpty();
    assertThat(counter("zdm.datasource.fence.refusals", "source"))
        .as("routed by the re-read phase, not by a refusal")
        .isZero();
  }

  @Test
  void anAutocommitConnectionFollowsThePhaseStatementByStatement() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO items VALUES (1, 'source')");
      cutOver(dataSource);
      statement.executeUpdate("INSERT INTO items VALUES (2, 'target')");
      assertThat(active(source)).as("the source connection went back to its pool").isZero();
      assertThat(active(target)).isEqualTo(1);
    }
    assertThat(ids(source)).containsExactly(1L);
    assertThat(ids(target)).containsExactly(2L);
  }

  @Test
  void aPreparedStatementKeepsWorkingAcrossASwitchWithItsSettings() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, ?)");
        PreparedStatement select =
            connection.prepareStatement("SELECT id FROM items ORDER BY id")) {
      select.setMaxRows(1);
      insert.setLong(1, 1);
      insert.setString(2, "source");
      insert.executeUpdate();
      insert.setLong(1, 2);
      insert.executeUpdate();
      cutOver(dataSource);
      insert.setLong(1, 3);
      insert.setString(2, "target");
      insert.executeUpdate();
      insert.setLong(1, 4);
      insert.executeUpdate();
      try (ResultSet rows = select.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getLong(1)).as("read on the target").isEqualTo(3);
        assertThat(rows.next()).as("maxRows set again on the target's statement").isFalse();
      }
    }
    assertThat(ids(source)).containsExactly(1L, 2L);
    assertThat(ids(target)).containsExactly(3L, 4L);
  }

  @Test
  void theObserversSeeEveryExecutionAndAFailingListenerBreaksNothing() throws SQLException {
    List<String> seen = new CopyOnWriteArrayList<>();
    List<String> seenBySecond = new CopyOnWriteArrayList<>();
    DualWriteDataSource dataSource =
        builder()
            .statementObserver(
                new StatementObserver() {
                  @Override
                  public void executed(
                      String migration,
                      Phase.Side side,
                      String sql,
                      long nanos,
                      SQLException failure) {
                    seen.add(side + (failure == null ? " ok " : " failed ") + sql);
                    throw new IllegalStateException("observer bug");
                  }
                })
            .statementObserver(
                new StatementObserver() {
                  @Override
                  public void executed(
                      String migration,
                      Phase.Side side,
                      String sql,
                      long nanos,
                      SQLException failure) {
                    seenBySecond.add(side + (failure == null ? " ok " : " failed ") + sql);
                  }
                })
            .listener(
                new DualWriteListener() {
                  @Override
                  public void rerouted(Phase.Side from, Phase.Side to, PhaseState phase) {
                    throw new IllegalStateException("listener bug");
                  }
                })
            .build();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO items VALUES (1, 'a')");
      switchWithoutTelling(Phase.TARGET_PRIMARY);
      statement.executeUpdate("INSERT INTO items VALUES (2, 'b')");
    }
    assertThat(seen)
        .containsExactly(
            "SOURCE ok INSERT INTO items VALUES (1, 'a')",
            "SOURCE failed INSERT INTO items VALUES (2, 'b')",
            "TARGET ok INSERT INTO items VALUES (2, 'b')");
    assertThat(seenBySecond).as("the second observer, after the first threw").isEqualTo(seen);
    assertThat(ids(target)).containsExactly(2L);
  }

  @Test
  void aPhaseThatCannotBeReadFailsTheStatementRetryably() throws SQLException {
    DualWriteDataSource dataSource =
        builder()
            .phaseReader(
                () -> {
                  throw new dev.zdm.ZdmException("control table unreachable");
                })
            .build();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.executeQuery("SELECT 1"))
          .isInstanceOf(SQLTransientException.class)
          .hasMessageContaining(MIGRATION)
          .hasMessageContaining("control table unreachable")
          .hasMessageContaining("retry");
    }
    assertThat(active(source) + active(target)).isZero();
  }

  // ---- the fence -----------------------------------------------------------------------------

  @Test
  void theFenceRefusingAFirstStatementMovesTheTransactionUnseen() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      try (Statement warmUp = connection.createStatement()) {
        warmUp.executeQuery("SELECT 1").close();
      }
      connection.commit();
      switchWithoutTelling(Phase.TARGET_PRIMARY);
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
        insert.setLong(1, 7);
        insert.setString(2, "moved");
        assertThat(insert.executeUpdate()).isEqualTo(1);
        insert.setLong(1, 8);
        assertThat(insert.executeUpdate()).isEqualTo(1);
      }
      Connection driver = (Connection) connection.unwrap(driverConnection());
      assertThat(driver.getTransactionIsolation())
          .as("state set before the move is set on the new side")
          .isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      connection.commit();
      assertThat(active(source)).as("the refused side's connection went back").isZero();
    }
    assertThat(ids(target)).containsExactly(7L, 8L);
    assertThat(ids(source)).isEmpty();
    assertThat(events).containsExactly("rerouted SOURCE->TARGET in TARGET_PRIMARY");
    assertThat(counter("zdm.datasource.reroutes", "target")).isEqualTo(1);
    assertThat(counter("zdm.datasource.fence.refusals", "source")).isEqualTo(1);
  }

  @Test
  void theFenceRefusingAnAutocommitStatementMovesIt() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO items VALUES (1, 'source')");
      switchWithoutTelling(Phase.TARGET_PRIMARY);
      statement.executeUpdate("INSERT INTO items VALUES (2, 'moved')");
      statement.executeUpdate("INSERT INTO items VALUES (3, 'target')");
    }
    assertThat(ids(source)).containsExactly(1L);
    assertThat(ids(target)).containsExactly(2L, 3L);
    assertThat(counter("zdm.datasource.reroutes", "target")).isEqualTo(1);
  }

  @Test
  void aRefusalAfterStatementsRanIsRetryableAndTheRetryRunsOnTheNewSide() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO items VALUES (1, 'first')");
      }
      switchInsideTransactionOf(Phase.TARGET_PRIMARY, connection);
      try (Statement statement = connection.createStatement()) {
        SQLTransientException error =
            catchThrowableOfType(
                SQLTransientException.class,
                () -> statement.executeUpdate("INSERT INTO items VALUES (2, 'second')"));
        assertThat(error.getMessage())
            .contains(MIGRATION)
            .contains("TARGET_PRIMARY")
            .contains("retry");
        assertThat(error.getSQLState()).isEqualTo(Fence.SQLSTATE);
        assertThat(error.getCause()).isInstanceOf(SQLException.class);
        assertThat(Router.fenceRefused((SQLException) error.getCause())).isTrue();
      }
      connection.rollback();
      // The retry, on the same connection, runs on the target.
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO items VALUES (1, 'first')");
        statement.executeUpdate("INSERT INTO items VALUES (2, 'second')");
      }
      connection.commit();
    }
    assertThat(ids(source)).isEmpty();
    assertThat(ids(target)).containsExactly(1L, 2L);
    assertThat(events).containsExactly("refused on SOURCE in TARGET_PRIMARY");
    assertThat(counter("zdm.datasource.reroutes", "target")).isZero();
  }

  @Test
  void aBatchThatIsAFirstStatementMovesWithAllItsEntries() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement warmUp = connection.createStatement()) {
        warmUp.executeQuery("SELECT 1").close();
      }
      connection.commit();
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
        for (long id = 1; id <= 3; id++) {
          insert.setLong(1, id);
          insert.setString(2, "batch " + id);
          insert.addBatch();
        }
        switchWithoutTelling(Phase.TARGET_PRIMARY);
        assertThat(insert.executeBatch()).hasSize(3);
      }
      connection.commit();
    }
    assertThat(ids(target)).containsExactly(1L, 2L, 3L);
    assertThat(ids(source)).isEmpty();
    assertThat(names(target)).containsExactly("batch 1", "batch 2", "batch 3");
    assertThat(counter("zdm.datasource.reroutes", "target")).isEqualTo(1);
  }

  @Test
  void aSavepointSetBeforeTheFirstStatementMovesWithTheTransaction() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement warmUp = connection.createStatement()) {
        warmUp.executeQuery("SELECT 1").close();
      }
      connection.commit();
      switchWithoutTelling(Phase.TARGET_PRIMARY);
      Savepoint start = connection.setSavepoint("start");
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO items VALUES (1, 'undone')");
        connection.rollback(start);
        statement.executeUpdate("INSERT INTO items VALUES (2, 'kept')");
      }
      connection.commit();
    }
    assertThat(ids(target)).containsExactly(2L);
    assertThat(ids(source)).isEmpty();
  }

  @Test
  void aStreamParameterCannotBeSetTwiceSoItsRefusalIsRetryable() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
      try (Statement warmUp = connection.createStatement()) {
        warmUp.executeQuery("SELECT 1").close();
      }
      switchWithoutTelling(Phase.TARGET_PRIMARY);
      insert.setLong(1, 1);
      insert.setCharacterStream(2, new java.io.StringReader("streamed"));
      assertThatThrownBy(insert::executeUpdate)
          .isInstanceOf(SQLTransientException.class)
          .hasMessageContaining("stream");
      // The failure refreshed the phase: the retry goes to the target.
      insert.setString(2, "plain");
      assertThat(insert.executeUpdate()).isEqualTo(1);
    }
    assertThat(ids(target)).containsExactly(1L);
  }

  @Test
  void aReaderGivenToSetObjectIsNotReplayedEither() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
      try (Statement warmUp = connection.createStatement()) {
        warmUp.executeQuery("SELECT 1").close();
      }
      switchWithoutTelling(Phase.TARGET_PRIMARY);
      insert.setObject(1, 1L);
      insert.setObject(2, new java.io.StringReader("streamed"), Types.VARCHAR);
      assertThatThrownBy(insert::executeUpdate)
          .isInstanceOf(SQLTransientException.class)
          .hasMessageContaining("stream");
      insert.clearParameters();
      insert.setObject(1, 1L);
      insert.setObject(2, "plain");
      assertThat(insert.executeUpdate()).isEqualTo(1);
    }
    assertThat(names(target)).containsExactly("plain");
  }

  // ---- the cutover ---------------------------------------------------------------------------

  @Test
  void aNewTransactionWaitsThroughTheCutoverAndRunsOnTheNewSide() throws Exception {
    DualWriteDataSource dataSource = builder().cutoverWait(Duration.ofSeconds(30)).build();
    fence(source, true);
    phases.set(Phase.CUTOVER);
    dataSource.refreshPhase();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<?> write =
          thread.submit(
              () -> {
                try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                  statement.executeUpdate("INSERT INTO items VALUES (1, 'after the cutover')");
                }
                return null;
              });
      int readsBefore = phases.reads();
      await().atMost(Duration.ofSeconds(20)).until(() -> phases.reads() >= readsBefore + 3);
      assertThat(write).isNotDone();
      assertThat(active(source) + active(target))
          .as("a waiting transaction holds no connection")
          .isZero();
      fence(target, false);
      phases.set(Phase.TARGET_PRIMARY);
      write.get(20, TimeUnit.SECONDS);
    } finally {
      thread.shutdownNow();
    }
    assertThat(ids(target)).containsExactly(1L);
    assertThat(events).containsExactly("waited until TARGET_PRIMARY");
    assertThat(meters.get("zdm.datasource.cutover.wait").timer().count()).isEqualTo(1);
  }

  @Test
  void aTransactionGivesUpWaitingForACutoverThatOutlastsTheWait() throws SQLException {
    DualWriteDataSource dataSource = builder().cutoverWait(Duration.ofMillis(200)).build();
    fence(source, true);
    phases.set(Phase.CUTOVER);
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO items VALUES (1, 'never')"))
          .isInstanceOf(SQLTransientException.class)
          .hasMessageContaining(MIGRATION)
          .hasMessageContaining("CUTOVER")
          .hasMessageContaining("retry");
    }
    assertThat(active(source) + active(target)).isZero();
    assertThat(events).containsExactly("waited and gave up in CUTOVER");
    assertThat(ids(source)).isEmpty();
    assertThat(ids(target)).isEmpty();
  }

  @Test
  void aFirstStatementRefusedDuringALongCutoverFailsRetryablyAndTheRetrySucceedsAfterIt()
      throws SQLException {
    DualWriteDataSource dataSource = builder().cutoverWait(Duration.ofMillis(200)).build();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.executeQuery("SELECT 1").close();
      connection.commit();
      fence(source, true);
      phases.set(Phase.CUTOVER);
      assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO items VALUES (1, 'during')"))
          .isInstanceOf(SQLTransientException.class)
          .hasMessageContaining("CUTOVER")
          .hasMessageContaining("retry");
      connection.rollback();
      fence(target, false);
      phases.set(Phase.TARGET_PRIMARY);
      statement.executeUpdate("INSERT INTO items VALUES (1, 'after')");
      connection.commit();
    }
    assertThat(ids(source)).isEmpty();
    assertThat(names(target)).containsExactly("after");
    assertThat(active(source) + active(target)).isZero();
  }

  @Test
  void anInterruptedWaitForTheCutoverFailsRetryablyAndKeepsTheInterrupt() throws Exception {
    DualWriteDataSource dataSource = builder().cutoverWait(Duration.ofMinutes(1)).build();
    fence(source, true);
    phases.set(Phase.CUTOVER);
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try (Connection connection = dataSource.getConnection();
                  Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO items VALUES (1, 'never')");
                outcome.complete(null);
              } catch (SQLException e) {
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
                outcome.complete(e);
              }
            });
    int readsBefore = phases.reads();
    waiter.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> phases.reads() >= readsBefore + 2);
    waiter.interrupt();
    assertThat(outcome.get(20, TimeUnit.SECONDS))
        .isInstanceOf(SQLTransientException.class)
        .hasMessageContaining("interrupted");
    assertThat(ids(source)).isEmpty();
    assertThat(ids(target)).isEmpty();
  }

  @Test
  void aConnectionClosedInATransactionLeavesNothingCommittedAndNothingBorrowed()
      throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    Connection connection = dataSource.getConnection();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO items VALUES (1, 'uncommitted')");
    }
    connection.close();
    assertThat(ids(source)).isEmpty();
    assertThat(active(source)).isZero();
  }

  @Test
  void manyThreadsThroughRepeatedCutoversLeaveOneWriterAndNoBorrowedConnection() throws Exception {
    // Two instances of the service, each with its own phase cache, share the pools. A long
    // refresh: every instance learns of each switch from the fence or the cutover wait.
    List<DualWriteDataSource> instances =
        List.of(
            builder()
                .phaseRefresh(Duration.ofMinutes(1))
                .cutoverWait(Duration.ofSeconds(30))
                .build(),
            builder()
                .phaseRefresh(Duration.ofMinutes(1))
                .cutoverWait(Duration.ofSeconds(30))
                .build());
    int threads = 8;
    int transactionsEach = 60;
    AtomicInteger retries = new AtomicInteger();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger done = new AtomicInteger();
    AtomicBoolean switched = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Set<Long>>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long base = t * 1_000_000L;
      DualWriteDataSource dataSource = instances.get(t % 2);
      writers.add(
          pool.submit(
              () -> {
                Set<Long> committed = new TreeSet<>();
                try (Connection connection = dataSource.getConnection()) {
                  connection.setAutoCommit(false);
                  // Writers go on until the last switch is done, so every switch meets writers
                  // whose cached phase is stale.
                  for (long i = 1; i <= transactionsEach || !switched.get(); i++) {
                    long id = base + i;
                    while (true) {
                      try {
                        transaction(connection, id);
                        committed.add(id);
                        done.incrementAndGet();
                        break;
                      } catch (SQLTransientException retryable) {
                        connection.rollback();
                        retries.incrementAndGet();
                      }
                    }
                  }
                }
                return committed;
              }));
    }
    CompletableFuture<Void> switching =
        CompletableFuture.runAsync(
            () -> {
              try {
                boolean onTarget = false;
                for (int round = 0; round < 6 && writing.get(); round++) {
                  // Switch each time the writers have made another eighth of their quota since
                  // the last switch, so each switch is followed by writes on stale caches.
                  int progress = done.get() + threads * transactionsEach / 8;
                  await().atMost(Duration.ofMinutes(2)).until(() -> done.get() >= progress);
                  switchAuthority(!onTarget);
                  onTarget = !onTarget;
                }
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              } finally {
                switched.set(true);
              }
            });
    Set<Long> committed = new TreeSet<>();
    for (Future<Set<Long>> writer : writers) {
      committed.addAll(writer.get(5, TimeUnit.MINUTES));
    }
    writing.set(false);
    switching.get(1, TimeUnit.MINUTES);
    pool.shutdown();

    Set<Long> onSource = ids(source);
    Set<Long> onTarget = ids(target);
    Set<Long> both = new TreeSet<>(onSource);
    both.retainAll(onTarget);
    assertThat(both).as("no transaction committed on both sides").isEmpty();
    Set<Long> all = new TreeSet<>(onSource);
    all.addAll(onTarget);
    assertThat(all).isEqualTo(committed);
    assertThat(committed)
        .hasSize(done.get())
        .hasSizeGreaterThanOrEqualTo(threads * transactionsEach);
    double refusals =
        counter("zdm.datasource.fence.refusals", "source")
            + counter("zdm.datasource.fence.refusals", "target");
    assertThat(refusals).as("the stale phase was corrected by the fence").isPositive();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(active(source) + active(target)).isZero());
    System.out.printf(
        "%s: %d transactions, %d retried, %d on source, %d on target, %.0f refusals, %.0f"
            + " re-routes%n",
        engine(),
        committed.size(),
        retries.get(),
        onSource.size(),
        onTarget.size(),
        refusals,
        counter("zdm.datasource.reroutes", "source")
            + counter("zdm.datasource.reroutes", "target"));
  }

  /**
   * An insert and an update of the inserted row in one transaction, led by a read for even ids: a
   * transaction that starts with its write can be moved, one that read first cannot.
   */
  private static void transaction(Connection connection, long id) throws SQLException {
    if (id % 2 == 0) {
      try (Statement read = connection.createStatement();
          ResultSet count = read.executeQuery("SELECT COUNT(*) FROM items")) {
        count.next();
      }
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, ?)");
        PreparedStatement update =
            connection.prepareStatement("UPDATE items SET name = ? WHERE id = ?")) {
      insert.setLong(1, id);
      insert.setString(2, "new");
      insert.executeUpdate();
      update.setString(1, "updated");
      update.setLong(2, id);
      update.executeUpdate();
    }
    connection.commit();
  }

  // ---- the JDBC contract ---------------------------------------------------------------------

  @Test
  void resultSetsStatementsAndMetadataLeadBackToTheProxies() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection()) {
      Statement statement = connection.createStatement();
      ResultSet rows = statement.executeQuery("SELECT 1");
      assertThat(rows.getStatement()).isSameAs(statement);
      assertThat(statement.getResultSet()).isSameAs(rows);
      assertThat(statement.getConnection()).isSameAs(connection);
      PreparedStatement prepared = connection.prepareStatement("SELECT id FROM items WHERE id = ?");
      prepared.setLong(1, 1);
      assertThat(prepared.executeQuery().getStatement()).isSameAs(prepared);
      assertThat(prepared.getConnection()).isSameAs(connection);
      DatabaseMetaData metaData = connection.getMetaData();
      assertThat(metaData.getConnection()).isSameAs(connection);
      try (ResultSet tables = metaData.getTables(null, null, "%", null)) {
        assertThat(tables.next()).isTrue();
      }
      connection.close();
      assertThat(rows.isClosed()).isTrue();
      assertThat(statement.isClosed()).isTrue();
      assertThat(prepared.isClosed()).isTrue();
      connection.close();
      statement.close();
      assertThatThrownBy(connection::createStatement).isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> statement.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
    }
    assertThat(active(source)).isZero();
  }

  @Test
  void metadataFollowsTheConnectionToTheNewSideAndItsResultSetsCloseWithTheOldOne()
      throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      DatabaseMetaData metaData = connection.getMetaData();
      assertThat(metaData.getURL()).contains(source.name());
      ResultSet tables = metaData.getTables(null, null, "%", null);
      cutOver(dataSource);
      statement.executeUpdate("INSERT INTO items VALUES (1, 'target')");
      assertThat(tables.isClosed()).as("its physical connection went back to the pool").isTrue();
      assertThat(metaData.getURL()).contains(target.name());
      ResultSet again = metaData.getTables(null, null, "%", null);
      connection.close();
      assertThat(again.isClosed()).isTrue();
    }
    assertThat(active(source) + active(target)).isZero();
  }

  @Test
  void unwrapReachesTheDriversOwnObjects() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT 1");
        ResultSet rows = statement.executeQuery()) {
      assertThat(connection.isWrapperFor(driverConnection())).isTrue();
      assertThat(connection.unwrap(driverConnection())).isInstanceOf(driverConnection());
      assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
      assertThat(statement.unwrap(PreparedStatement.class)).isSameAs(statement);
      assertThat(statement.isWrapperFor(driverPreparedStatement())).isTrue();
      assertThat(statement.unwrap(driverPreparedStatement()))
          .isInstanceOf(driverPreparedStatement());
      assertThat(rows.unwrap(ResultSet.class)).isSameAs(rows);
      assertThat(connection.isWrapperFor(DualWriteDataSourceContract.class)).isFalse();
    }
    assertThat(dataSource.unwrap(DualWriteDataSource.class)).isSameAs(dataSource);
  }

  @Test
  void generatedKeysAreReturned() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO gen_items (name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, "a");
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        assertThat(keys.next()).isTrue();
        assertThat(keys.getLong(1)).isPositive();
        assertThat(keys.getStatement()).isSameAs(insert);
      }
      try (Statement plain = connection.createStatement()) {
        plain.executeUpdate(
            "INSERT INTO gen_items (name) VALUES ('b')", Statement.RETURN_GENERATED_KEYS);
        try (ResultSet keys = plain.getGeneratedKeys()) {
          assertThat(keys.next()).isTrue();
        }
      }
    }
  }

  @Test
  void plainStatementBatchesAndLargeUpdatesRun() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.addBatch("INSERT INTO items VALUES (1, 'a')");
      statement.addBatch("INSERT INTO items VALUES (2, 'b')");
      assertThat(statement.executeBatch()).hasSize(2);
      assertThat(statement.executeLargeUpdate("UPDATE items SET name = 'c'")).isEqualTo(2);
      statement.setFetchSize(10);
      statement.setMaxRows(1);
      try (ResultSet rows = statement.executeQuery("SELECT id FROM items ORDER BY id")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.next()).as("maxRows replayed on the driver statement").isFalse();
      }
      assertThat(statement.getFetchSize()).isEqualTo(10);
      connection.rollback();
    }
    assertThat(ids(source)).isEmpty();
  }

  @Test
  void transactionsCommitAndRollBackWithSavepoints() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      assertThat(connection.getAutoCommit()).isTrue();
      connection.setAutoCommit(false);
      statement.executeUpdate("INSERT INTO items VALUES (1, 'kept')");
      Savepoint savepoint = connection.setSavepoint();
      statement.executeUpdate("INSERT INTO items VALUES (2, 'undone')");
      connection.rollback(savepoint);
      connection.commit();
      statement.executeUpdate("INSERT INTO items VALUES (3, 'rolled back')");
      connection.rollback();
      statement.executeUpdate("INSERT INTO items VALUES (4, 'committed by autocommit')");
      connection.setAutoCommit(true);
    }
    assertThat(ids(source)).containsExactly(1L, 4L);
  }

  @Test
  void connectionStateSetBeforeBindingIsSetOnTheBoundConnection() throws SQLException {
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      if (keepsApplicationName()) {
        connection.setClientInfo("ApplicationName", "zdm-contract");
      }
      connection.setAutoCommit(false);
      assertThat(connection.isReadOnly()).isTrue();
      assertThat(connection.getTransactionIsolation())
          .isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
      assertThat(active(source)).isZero();
      try (Statement statement = connection.createStatement()) {
        statement.executeQuery("SELECT 1").close();
        Connection driver = (Connection) connection.unwrap(driverConnection());
        assertThat(driver.getAutoCommit()).isFalse();
        assertThat(driver.getTransactionIsolation())
            .isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
        if (keepsReadOnlyFlag()) {
          assertThat(driver.isReadOnly()).isTrue();
        }
        if (keepsApplicationName()) {
          assertThat(driver.getClientInfo("ApplicationName")).isEqualTo("zdm-contract");
        }
      }
      connection.rollback();
    }
  }

  @Test
  void callableStatementsRunWithOutParameters() throws SQLException {
    org.junit.jupiter.api.Assumptions.assumeTrue(addOneFunction() != null);
    DualWriteDataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection();
        CallableStatement call = connection.prepareCall("{? = call add_one(?)}")) {
      call.registerOutParameter(1, Types.INTEGER);
      call.setInt(2, 41);
      call.execute();
      assertThat(call.getInt(1)).isEqualTo(42);
      assertThat(call.wasNull()).isFalse();
    }
  }

  @Test
  void theBuilderNamesTheBadSetting() {
    assertThatThrownBy(() -> DualWriteDataSource.builder(MIGRATION).build())
        .hasMessageContaining("dualWriteDataSource.source must be set");
    assertThatThrownBy(() -> builder().phaseRefresh(Duration.ofMillis(-5)))
        .hasMessageContaining("dualWriteDataSource.phaseRefresh")
        .hasMessageContaining("PT-0.005S");
    assertThatThrownBy(() -> builder().target(source.dataSource()).build())
        .hasMessageContaining("must be different");
    assertThatThrownBy(() -> DualWriteDataSource.builder("Bad Name"))
        .hasMessageContaining("Bad Name");
    assertThatThrownBy(() -> dataSource().getConnection("user", "secret"))
        .hasMessageContaining("takes no credentials")
        .hasMessageNotContaining("secret");
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Moves authority as a real cutover would, fence first, then tells the data source. */
  private void cutOver(DualWriteDataSource dataSource) throws SQLException {
    switchWithoutTelling(Phase.TARGET_PRIMARY);
    dataSource.refreshPhase();
  }

  /** Moves authority and the fence, leaving the data source's cached phase stale. */
  private void switchWithoutTelling(Phase phase) throws SQLException {
    boolean onTarget = phase.authoritative() == Phase.Side.TARGET;
    fence(onTarget ? source : target, true);
    fence(onTarget ? target : source, false);
    phases.set(phase);
  }

  /**
   * Moves authority while {@code connection} has a transaction open on the source. The test fence's
   * triggers hold a shared lock on the fence row until the transaction ends (as the real cutover
   * waits for in-flight transactions), so the source's fence is switched on from inside this
   * transaction: its next write is refused, and its rollback leaves nothing on the source.
   */
  private void switchInsideTransactionOf(Phase phase, Connection connection) throws SQLException {
    phases.set(phase);
    fence(target, false);
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE fence_switch SET fenced = 1");
    }
  }

  private void switchAuthority(boolean toTarget) throws SQLException {
    phases.set(Phase.CUTOVER);
    fence(toTarget ? source : target, true);
    fence(toTarget ? target : source, false);
    phases.set(toTarget ? Phase.TARGET_PRIMARY : Phase.DUAL_WRITE);
  }

  static void fence(TestDatabase db, boolean fenced) throws SQLException {
    sql(db, "UPDATE fence_switch SET fenced = " + (fenced ? 1 : 0));
  }

  static void sql(TestDatabase db, String... statements) throws SQLException {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  Set<Long> ids(TestDatabase db) throws SQLException {
    Set<Long> ids = new TreeSet<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM items")) {
      while (rows.next()) {
        ids.add(rows.getLong(1));
      }
    }
    return ids;
  }

  List<String> names(TestDatabase db) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT name FROM items ORDER BY id")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  int active(TestDatabase db) {
    return ((HikariDataSource) db.dataSource()).getHikariPoolMXBean().getActiveConnections();
  }

  double counter(String name, String side) {
    return meters.get(name).tag("migration", MIGRATION).tag("side", side).counter().count();
  }
}
