package dev.zdm.jdbc.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zdm.backfill.BackfillConfig;
import dev.zdm.jdbc.Backfill;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.mapping.TableMapping;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL COPY path of backfill chunks: taken between two PostgreSQL databases unless a
 * column is computed in Java; carries renamed and dropped columns and keys that need escaping
 * exactly; merges with an upsert where a foreign key references the target, so that no referencing
 * row is cascaded away; and a chunk copied straight into the target that meets a row inserted
 * meanwhile falls back to staging and merging within the same chunk, and converges. Contents are
 * compared as PostgreSQL's own text.
 */
@RealDatabaseTest
class PostgresCopyPathTest {

  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void databases(TestDatabases databases) {
    source = databases.create(Engine.POSTGRES, "source");
    target = databases.create(Engine.POSTGRES, "target");
  }

  private static void run(TestDatabase db, String... sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }

  private static List<String> rows(TestDatabase db, String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      while (r.next()) {
        rows.add(r.getString(1));
      }
    }
    return rows;
  }

  private static final String DOCS =
      "CREATE TABLE docs (tenant VARCHAR(20) NOT NULL, id BIGINT NOT NULL, title TEXT,"
          + " secret TEXT, body JSONB, amount NUMERIC(12,3), at TIMESTAMPTZ, PRIMARY KEY (tenant, id))";
  private static final String DOCUMENTS =
      "CREATE TABLE documents (tenant VARCHAR(20) NOT NULL, id BIGINT NOT NULL, heading TEXT,"
          + " body JSONB, amount NUMERIC(12,3), at TIMESTAMPTZ, extra INTEGER NOT NULL DEFAULT 7,"
          + " PRIMARY KEY (tenant, id))";

  private void seedDocs() throws SQLException {
    run(source, DOCS);
    run(target, DOCUMENTS);
    String[] tenants = {"o'brien", "back\\slash", "ünï", "plain", "E'x'"};
    try (Connection c = source.connect();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO docs VALUES (?, ?, ?, 'do not copy', ?::jsonb, ?, now() - ? * interval '1 s')")) {
      for (int i = 0; i < 1000; i++) {
        insert.setString(1, tenants[i % tenants.length]);
        insert.setLong(2, i);
        insert.setString(3, i % 9 == 0 ? null : "title \t\n\\ " + i);
        insert.setString(4, "{\"n\": " + i + ", \"s\": \"ü'\\\\\"}");
        insert.setBigDecimal(5, java.math.BigDecimal.valueOf(i * 1001L, 3));
        insert.setInt(6, i);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private Backfill.Builder docsBackfill(TableMapping mapping) {
    return Backfill.builder("docs-move")
        .from(source.dataSource())
        .to(target.dataSource())
        .table(mapping)
        .config(
            BackfillConfig.builder()
                .maxConcurrency(2)
                .rangesPerTable(3)
                .chunkSize(37, 37, 37)
                .build());
  }

  private static TableMapping renamed() {
    return TableMapping.builder("docs")
        .targetTable("documents")
        .rename("title", "heading")
        .drop("secret")
        .build();
  }

  private JdbcChunkCopier copier(TableMapping mapping, boolean copy) {
    return new JdbcChunkCopier(
        "docs-move",
        mapping,
        ZdmDatabase.of(source.dataSource()),
        ZdmDatabase.of(target.dataSource()),
        copy);
  }

  @Test
  void renamedAndDroppedColumnsAndKeysThatNeedEscapingAreCopiedExactly() throws SQLException {
    seedDocs();
    assertThat(copier(renamed(), true).usesPostgresCopy()).isTrue();
    try (Backfill backfill = docsBackfill(renamed()).build()) {
      backfill.install();
      assertThat(backfill.run().rowsCopied()).isEqualTo(1000);
    }
    assertThat(
            rows(
                target,
                "SELECT row(tenant, id, heading, body, amount, at, extra)::text FROM documents"
                    + " ORDER BY tenant, id"))
        .isEqualTo(
            rows(
                source,
                "SELECT row(tenant, id, title, body, amount, at, 7)::text FROM docs"
                    + " ORDER BY tenant, id"))
        .hasSize(1000);
  }

  @Test
  void theCopyPathIsNotTakenForComputedColumnsOrWhenTurnedOff() throws SQLException {
    run(source, DOCS);
    run(target, DOCUMENTS);
    TableMapping computed =
        TableMapping.builder("docs")
            .targetTable("documents")
            .rename("title", "heading")
            .drop("secret")
            .compute("extra", row -> 1)
            .build();
    assertThat(copier(computed, true).usesPostgresCopy()).isFalse();
    assertThat(copier(renamed(), false).usesPostgresCopy()).isFalse();
  }

  @Test
  void aTargetReferencedByAForeignKeyIsMergedWithoutCascadingDeletes() throws SQLException {
    run(source, "CREATE TABLE parents (id BIGINT PRIMARY KEY, name TEXT)");
    run(source, "INSERT INTO parents SELECT g, 'parent ' || g FROM generate_series(1, 500) g");
    run(
        target,
        "CREATE TABLE parents (id BIGINT PRIMARY KEY, name TEXT)",
        "CREATE TABLE children (id BIGINT PRIMARY KEY,"
            + " parent_id BIGINT NOT NULL REFERENCES parents ON DELETE CASCADE)",
        // Rows the relay already carried, with a child that references one of them.
        "INSERT INTO parents VALUES (10, 'old name'), (20, 'old name')",
        "INSERT INTO children VALUES (1, 10), (2, 20)");
    try (Backfill backfill =
        Backfill.builder("parents-move")
            .from(source.dataSource())
            .to(target.dataSource())
            .table("parents")
            .config(BackfillConfig.builder().chunkSize(50, 50, 50).build())
            .build()) {
      backfill.install();
      backfill.run();
    }
    assertThat(rows(target, "SELECT count(*)::text FROM children")).containsExactly("2");
    assertThat(rows(target, "SELECT row(id, name)::text FROM parents ORDER BY id"))
        .isEqualTo(rows(source, "SELECT row(id, name)::text FROM parents ORDER BY id"));
  }

  @Test
  void aChunkThatMeetsARowInsertedMeanwhileIsStagedAndMergedInsteadAndConverges() throws Exception {
    run(source, "CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)");
    run(source, "INSERT INTO accounts SELECT g, g * 10 FROM generate_series(1, 300) g");
    run(target, "CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Connection blocker = target.connect();
        Backfill backfill =
            Backfill.builder("accounts-move")
                .from(source.dataSource())
                .to(target.dataSource())
                .table("accounts")
                .meterRegistry(registry)
                .config(
                    BackfillConfig.builder()
                        .maxConcurrency(1)
                        .rangesPerTable(1)
                        .chunkSize(100, 100, 100)
                        .build())
                .build()) {
      backfill.install();
      // A writer (as the relay would) inserts a key of the first chunk and has not committed: the
      // chunk finds the target's key span empty and copies straight into it, and waits for it.
      blocker.setAutoCommit(false);
      try (Statement s = blocker.createStatement()) {
        s.execute("INSERT INTO accounts VALUES (50, -1)");
      }
      backfill.start();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  rows(
                          target,
                          "SELECT count(*)::text FROM pg_stat_activity WHERE datname ="
                              + " current_database() AND wait_event_type = 'Lock'")
                      .equals(List.of("1")));
      blocker.commit(); // the chunk's COPY now fails on the key and is rolled back to a savepoint
      assertThat(backfill.awaitCompletion(Duration.ofSeconds(30))).isTrue();
    }
    // The same chunk staged and merged its rows instead: no retry was needed.
    assertThat(registry.get("zdm.backfill.retries").counter().count()).isZero();
    assertThat(rows(target, "SELECT row(id, balance)::text FROM accounts ORDER BY id"))
        .isEqualTo(rows(source, "SELECT row(id, balance)::text FROM accounts ORDER BY id"))
        .hasSize(300);
  }
}
