package dev.zdm.jdbc.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zdm.ZdmException;
import dev.zdm.backfill.BackfillConfig;
import dev.zdm.backfill.BackfillListener;
import dev.zdm.backfill.BackfillProgress;
import dev.zdm.backfill.Checkpoint;
import dev.zdm.jdbc.InPlaceJob;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In-place jobs on one real database: a user statement fills a new column over every key range in
 * chunks, with checkpoints (a finished job run again does nothing, a stopped one resumes without
 * covering a key twice), the rate limit, pause and progress. Checked with plain SQL.
 */
@RealDatabaseTest
abstract class InPlaceJobContract {

  private static final String FILL =
      "UPDATE accounts SET cents = dollars * 100 WHERE {range} AND cents IS NULL";
  private TestDatabase db;

  abstract Engine engine();

  @BeforeEach
  void database(TestDatabases databases) throws SQLException {
    db = databases.create(engine(), "inplace");
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE accounts (region VARCHAR(8) NOT NULL, id BIGINT NOT NULL,"
              + " dollars NUMERIC(12,2) NOT NULL, PRIMARY KEY (region, id))");
      // The expand step: a new column, empty until the job fills it.
      s.execute("ALTER TABLE accounts ADD COLUMN cents BIGINT");
    }
  }

  private void seed(int rows) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement insert =
            c.prepareStatement("INSERT INTO accounts (region, id, dollars) VALUES (?, ?, ?)")) {
      c.setAutoCommit(false);
      String[] regions = {"eu", "us", "ap"};
      for (int i = 0; i < rows; i++) {
        insert.setString(1, regions[i % 3]);
        insert.setLong(2, i);
        insert.setBigDecimal(3, java.math.BigDecimal.valueOf(i * 7L + 1, 2));
        insert.addBatch();
      }
      insert.executeBatch();
      c.commit();
    }
  }

  private long single(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet row = s.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  private long filledCorrectly() throws SQLException {
    return single("SELECT COUNT(*) FROM accounts WHERE cents = dollars * 100");
  }

  private long checkpointKeys() throws SQLException {
    return single(
        "SELECT COALESCE(SUM(rows_copied), 0) FROM zdm_checkpoints WHERE migration = 'fill-cents'");
  }

  private InPlaceJob.Builder job(BackfillConfig config) {
    return InPlaceJob.builder("fill-cents")
        .on(db.dataSource())
        .table("accounts", FILL)
        .config(config);
  }

  private static BackfillConfig.Builder chunks(int size) {
    return BackfillConfig.builder().maxConcurrency(2).rangesPerTable(3).chunkSize(size, size, size);
  }

  /** Counts the chunks a job runs. */
  private static final class Chunks implements BackfillListener {
    final AtomicInteger count = new AtomicInteger();

    @Override
    public void chunkCopied(String migration, Checkpoint checkpoint, int rows, Duration lockTime) {
      count.incrementAndGet();
    }
  }

  @Test
  void fillsANewColumnInChunksAndARunAfterCompletionIsANoOp() throws SQLException {
    seed(3000);
    Chunks chunks = new Chunks();
    try (InPlaceJob job = job(chunks(200).build()).listener(chunks).build()) {
      job.install();
      BackfillProgress done = job.run();
      assertThat(done.done()).isTrue();
      assertThat(done.rowsCopied()).isEqualTo(3000);
      assertThat(done.tables().get(0).ranges()).isEqualTo(3);
    }
    assertThat(filledCorrectly()).isEqualTo(3000);
    assertThat(checkpointKeys()).isEqualTo(3000);
    // 3 ranges of 1000 keys in chunks of 200: 5 each.
    assertThat(chunks.count).hasValue(15);

    Chunks again = new Chunks();
    try (InPlaceJob job = job(chunks(200).build()).listener(again).build()) {
      job.install();
      assertThat(job.run().done()).isTrue();
    }
    assertThat(again.count).as("chunks of a run after completion").hasValue(0);
  }

  @Test
  void aStoppedJobResumesFromItsCheckpointsWithoutCoveringAKeyTwice() throws SQLException {
    seed(3000);
    // Slowed to 1,000 keys/s so that it is stopped midway, not after it finished.
    try (InPlaceJob job = job(chunks(100).maxConcurrency(1).rowsPerSecond(1000).build()).build()) {
      job.install();
      job.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> checkpointKeys() >= 500);
      job.pause();
    }
    long coveredBefore = checkpointKeys();
    assertThat(coveredBefore).isBetween(500L, 2999L);
    assertThat(filledCorrectly()).isEqualTo(coveredBefore);
    try (InPlaceJob job = job(chunks(100).build()).build()) {
      job.install();
      assertThat(job.run().done()).isTrue();
    }
    assertThat(checkpointKeys()).as("keys covered over both runs").isEqualTo(3000);
    assertThat(filledCorrectly()).isEqualTo(3000);
  }

  @Test
  void theRateLimitAndPauseHoldForInPlaceJobsToo() throws SQLException {
    seed(1200);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (InPlaceJob job =
        job(chunks(100).maxConcurrency(1).rowsPerSecond(1000).build())
            .meterRegistry(registry)
            .build()) {
      job.install();
      job.pause();
      job.start();
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> checkpointKeys() == 0);
      long started = System.nanoTime();
      job.resume();
      assertThat(job.awaitCompletion(Duration.ofSeconds(60))).isTrue();
      // The first chunk goes at once, the other 11 wait for 100 keys at 1000/s each.
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThan(Duration.ofMillis(1000));
    }
    assertThat(
            registry
                .get("zdm.backfill.throttled")
                .tag("reason", "rate-limit")
                .timer()
                .totalTime(TimeUnit.MILLISECONDS))
        .isGreaterThan(900);
    assertThat(
            registry
                .get("zdm.backfill.throttled")
                .tag("reason", "paused")
                .timer()
                .totalTime(TimeUnit.MILLISECONDS))
        .isGreaterThanOrEqualTo(500);
    assertThat(filledCorrectly()).isEqualTo(1200);
  }

  @Test
  void anEmptyTableIsDoneAtOnce() throws SQLException {
    try (InPlaceJob job = job(chunks(100).build()).build()) {
      job.install();
      assertThat(job.run().done()).isTrue();
    }
    assertThat(checkpointKeys()).isZero();
  }

  @Test
  void aStatementWithoutTheRangeMarkerIsRefused() {
    assertThatThrownBy(
            () ->
                InPlaceJob.builder("fill-cents")
                    .on(db.dataSource())
                    .table("accounts", "UPDATE accounts SET cents = dollars * 100")
                    .build())
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("fill-cents")
        .hasMessageContaining("accounts")
        .hasMessageContaining("{range} exactly once");
  }

  @Test
  void aFailingStatementStopsTheJobNamingTheTable() throws SQLException {
    seed(100);
    try (InPlaceJob job =
        InPlaceJob.builder("fill-cents")
            .on(db.dataSource())
            .table("accounts", "UPDATE accounts SET no_such_column = 1 WHERE {range}")
            .config(chunks(50).retryAttempts(1).build())
            .build()) {
      job.install();
      assertThatThrownBy(job::run)
          .isInstanceOf(ZdmException.class)
          .hasMessageContaining("fill-cents")
          .hasMessageContaining("table accounts");
    }
    assertThat(checkpointKeys()).isZero();
  }
}
