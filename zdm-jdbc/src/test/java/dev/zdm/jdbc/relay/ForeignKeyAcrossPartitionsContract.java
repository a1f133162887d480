package dev.zdm.jdbc.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.jdbc.Replication;
import dev.zdm.relay.RelayConfig;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Parents and children whose changes hash into different relay partitions, applied by several
 * workers, with the foreign key on both sides: writers insert a parent, then its children in a
 * later transaction, and delete children before their parent. A child can reach the relay before
 * its parent's partition has been applied (and a parent's delete before its children's); the relay
 * waits for the other partitions instead of parking it. Zero dead letters and equal tables.
 * Subclasses pick the pair of engines.
 */
@RealDatabaseTest
abstract class ForeignKeyAcrossPartitionsContract {

  private static final String MIGRATION = "fk-move";
  private static final int WRITERS = 4;
  private static final int FAMILIES_PER_WRITER = 60;

  abstract Engine from();

  abstract Engine to();

  @Test
  void childrenAndParentsInDifferentPartitionsArriveWithoutDeadLetters(TestDatabases databases)
      throws Exception {
    TestDatabase source = databases.create(from(), "source");
    TestDatabase target = databases.create(to(), "target");
    for (TestDatabase db : List.of(source, target)) {
      try (Connection connection = db.connect();
          Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE TABLE parents (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL)");
        statement.execute(
            "CREATE TABLE children (id BIGINT NOT NULL PRIMARY KEY, parent_id BIGINT NOT NULL,"
                + " note VARCHAR(40), CONSTRAINT children_parent_fk FOREIGN KEY (parent_id)"
                + " REFERENCES parents (id))");
      }
    }
    RelayConfig relay =
        RelayConfig.builder()
            .partitions(16)
            .workers(4)
            .batchSize(8)
            .polling(Duration.ofMillis(1), Duration.ofMillis(10))
            .retry(2, Duration.ofMillis(5))
            .build();
    try (Replication replication =
        Replication.builder(MIGRATION)
            .from(source.dataSource())
            .to(target.dataSource())
            .table("parents")
            .table("children")
            .relay(relay)
            .build()) {
      replication.install();
      replication.start();

      AtomicLong ids = new AtomicLong();
      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          done.add(writers.submit(() -> writeFamilies(source, ids)));
        }
        for (Future<?> writer : done) {
          writer.get();
        }
      } finally {
        writers.shutdownNow();
      }

      assertThat(replication.relay().awaitDrained(Duration.ofSeconds(60))).isTrue();
      assertThat(replication.deadLetters().list(10)).isEmpty();
    }
    try (Connection s = source.connect();
        Connection t = target.connect()) {
      for (String table : List.of("parents", "children")) {
        List<String> expected = IndependentComparison.rows(s, table, "id");
        assertThat(expected).as(table).isNotEmpty();
        assertThat(IndependentComparison.rows(t, table, "id"))
            .as(table)
            .containsExactlyElementsOf(expected);
      }
    }
  }

  /**
   * Each family: the parent in one transaction, three children in the next; every third family is
   * then removed, children first, the parent in a transaction of its own.
   */
  private static Void writeFamilies(TestDatabase db, AtomicLong ids) throws SQLException {
    try (Connection connection = db.connect()) {
      for (int f = 0; f < FAMILIES_PER_WRITER; f++) {
        long parent = ids.incrementAndGet() * 10;
        run(connection, "INSERT INTO parents (id, name) VALUES (?, 'p')", parent);
        connection.setAutoCommit(false);
        for (int c = 1; c <= 3; c++) {
          run(
              connection,
              "INSERT INTO children (id, parent_id, note) VALUES (?, ?, 'c')",
              parent + c,
              parent);
        }
        connection.commit();
        connection.setAutoCommit(true);
        if (f % 3 == 2) {
          run(connection, "DELETE FROM children WHERE parent_id = ?", parent);
          run(connection, "DELETE FROM parents WHERE id = ?", parent);
        }
      }
    }
    return null;
  }

  private static void run(Connection connection, String sql, long... values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setLong(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }
}
