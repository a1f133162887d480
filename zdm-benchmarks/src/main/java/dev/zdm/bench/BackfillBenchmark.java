package dev.zdm.bench;

import dev.zdm.backfill.BackfillConfig;
import dev.zdm.jdbc.Backfill;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a table shaped like orders (bigint key, bigint, text, numeric, text, timestamptz, jsonb)
 * from one PostgreSQL database into an empty copy, once with zdm's backfill and once with {@code
 * pg_dump --data-only -t orders | psql}, in the same run, optionally while writers update and
 * insert rows in the source, and prints both times and their ratio.
 */
final class BackfillBenchmark {

  private static final String DDL = OrdersTable.POSTGRES_DDL;

  private BackfillBenchmark() {}

  static void run(BenchOptions options) throws Exception {
    if (options.text("source", "postgres").equals("mariadb")) {
      runFromMariaDb(options);
      return;
    }
    int rows = options.number("rows", 1_000_000);
    int writerCount = options.number("writers", 0);
    String admin = options.postgresUrl();
    try (BenchDatabase source = new BenchDatabase(admin, "bf_src", 8);
        BenchDatabase viaZdm = new BenchDatabase(admin, "bf_zdm", 8);
        BenchDatabase viaUpsert = new BenchDatabase(admin, "bf_upsert", 8);
        BenchDatabase viaDump = new BenchDatabase(admin, "bf_dump", 2)) {
      source.execute(DDL);
      viaZdm.execute(DDL);
      viaUpsert.execute(DDL);
      viaDump.execute(DDL);
      long start = System.nanoTime();
      source.execute(OrdersTable.postgresSeed(rows), "ANALYZE orders");
      System.out.printf(
          "backfill benchmark: %,d rows PG->PG, %d writer(s); seeded in %.1f s%n",
          rows, writerCount, (System.nanoTime() - start) / 1e9);

      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicLong writes = new AtomicLong();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < writerCount; w++) {
        int seed = w;
        Thread thread =
            new Thread(() -> write(source, rows, seed, writing, writes), "bench-writer-" + w);
        thread.setDaemon(true);
        writers.add(thread);
        thread.start();
      }
      try {
        double zdm = timeZdm(source, viaZdm, true);
        double upsert = timeZdm(source, viaUpsert, false);
        double dump = timeDump(source, viaDump);
        System.out.printf("  zdm backfill (COPY)      %8.1f s  (%,.0f rows/s)%n", zdm, rows / zdm);
        System.out.printf(
            "  zdm backfill (upserts)   %8.1f s  (%,.0f rows/s)%n", upsert, rows / upsert);
        System.out.printf(
            "  pg_dump --data-only|psql %8.1f s  (%,.0f rows/s)%n", dump, rows / dump);
        System.out.printf("  ratio zdm (COPY) / pg_dump    %8.2f%n", zdm / dump);
        System.out.printf("  ratio zdm (upserts) / pg_dump %8.2f%n", upsert / dump);
      } finally {
        writing.set(false);
        for (Thread thread : writers) {
          thread.join();
        }
      }
      if (writerCount > 0) {
        System.out.printf("  concurrent writes committed meanwhile: %,d%n", writes.get());
      }
    }
  }

  private static double timeZdm(BenchDatabase source, BenchDatabase target, boolean copy) {
    return timeZdm(source.pool, target, copy);
  }

  private static double timeZdm(javax.sql.DataSource source, BenchDatabase target, boolean copy) {
    BackfillConfig config =
        BackfillConfig.builder()
            .maxConcurrency(4)
            .rangesPerTable(16)
            .chunkSize(2000, 100, 20_000)
            .chunkTimeTarget(Duration.ofMillis(500))
            .progressLogInterval(Duration.ofSeconds(5))
            .build();
    try (Backfill backfill =
        Backfill.builder("bench-backfill")
            .from(source)
            .to(target.pool)
            .table("orders")
            .config(config)
            .postgresCopy(copy)
            .build()) {
      backfill.install();
      long start = System.nanoTime();
      backfill.run();
      return (System.nanoTime() - start) / 1e9;
    }
  }

  /**
   * The same table in MariaDB (JSON is LONGTEXT there, TIMESTAMP an instant) copied into
   * PostgreSQL; there is no plain tool for this pair, so only zdm's time and rate are printed.
   */
  private static void runFromMariaDb(BenchOptions options) throws Exception {
    int rows = options.number("rows", 1_000_000);
    String admin =
        options.text("mariadb-url", "jdbc:mariadb://127.0.0.1:3306/test?user=root&sslMode=disable");
    String name = "zdm_bench_bf_" + Long.toString(System.nanoTime(), 36);
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(admin);
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    String url = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(8);
    try (com.zaxxer.hikari.HikariDataSource source =
            new com.zaxxer.hikari.HikariDataSource(config);
        BenchDatabase target = new BenchDatabase(options.postgresUrl(), "bf_maria", 8)) {
      target.execute(DDL);
      long start = System.nanoTime();
      try (java.sql.Connection c = source.getConnection();
          java.sql.Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, status"
                + " VARCHAR(20) NOT NULL, total DECIMAL(12,2) NOT NULL, note TEXT, created_at"
                + " TIMESTAMP(6) NOT NULL, attrs JSON)");
        s.execute(
            "INSERT INTO orders SELECT seq, seq % 50000, ELT(1 + seq % 3, 'new', 'paid',"
                + " 'shipped'), (seq % 100000) / 100.0, REPEAT('note ', 1 + seq % 20),"
                + " NOW(6) - INTERVAL seq SECOND, JSON_OBJECT('sku', CONCAT('SKU-', seq), 'qty',"
                + " seq % 7, 'tags', JSON_ARRAY('a', 'b')) FROM seq_1_to_"
                + rows);
        s.execute("ANALYZE TABLE orders");
      }
      System.out.printf(
          "backfill benchmark: %,d rows MariaDB->PG; seeded in %.1f s%n",
          rows, (System.nanoTime() - start) / 1e9);
      double zdm = timeZdm(source, target, true);
      System.out.printf("  zdm backfill             %8.1f s  (%,.0f rows/s)%n", zdm, rows / zdm);
    } finally {
      try (java.sql.Connection connection = java.sql.DriverManager.getConnection(admin);
          java.sql.Statement statement = connection.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + name);
      }
    }
  }

  private static double timeDump(BenchDatabase source, BenchDatabase target) throws Exception {
    String command =
        "set -o pipefail; pg_dump -h 127.0.0.1 -U postgres --data-only -t orders "
            + source.name
            + " | psql -q -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 "
            + target.name
            + " > /dev/null";
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).inheritIO().start();
    int status = process.waitFor();
    if (status != 0) {
      throw new IllegalStateException("pg_dump | psql exited with " + status);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static void write(
      BenchDatabase source, int rows, int seed, AtomicBoolean writing, AtomicLong writes) {
    Random random = new Random(seed);
    long nextId = rows + 1L + seed * 10_000_000L;
    try (Connection connection = source.pool.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE orders SET status = 'paid', total = total + 1 WHERE id = ?");
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO orders VALUES (?, 1, 'new', 1.00, 'n', now(), '{}'::jsonb)")) {
      while (writing.get()) {
        if (random.nextInt(4) == 0) {
          insert.setLong(1, nextId++);
          insert.executeUpdate();
        } else {
          update.setLong(1, 1 + random.nextInt(rows));
          update.executeUpdate();
        }
        writes.incrementAndGet();
      }
    } catch (Exception e) {
      System.err.println("writer stopped: " + e.getMessage());
    }
  }
}
