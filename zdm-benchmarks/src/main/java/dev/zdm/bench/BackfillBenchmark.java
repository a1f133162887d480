package dev.zdm.bench;

import dev.zdm.backfill.BackfillConfig;
import dev.zdm.jdbc.Backfill;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Copies a table shaped like orders (bigint key, bigint, text, numeric, text, timestamptz, jsonb)
 * from one PostgreSQL database into an empty copy, with zdm's backfill ({@code COPY} path) and with
 * {@code pg_dump --data-only -t orders | psql}, in alternating rounds of the same run, first alone
 * and then while 4 writers update and insert rows in the source; prints the medians and their
 * ratio. Also zdm's batched-upsert path once, and MariaDB to PostgreSQL rows/s (no plain tool for
 * that pair).
 */
final class BackfillBenchmark implements Benchmark {

  private static final String DDL = OrdersTable.POSTGRES_DDL;

  private int migrations;

  @Override
  public String name() {
    return "backfill";
  }

  @Override
  public String usage() {
    return "zdm's backfill vs pg_dump --data-only | psql, alone and with writers; MariaDB->PG"
        + " rows/s [--rows 1000000] [--rounds 3] [--writers 0,4] [--source postgres|mariadb|both]";
  }

  @Override
  public BenchResult run(BenchOptions options, Path output) throws Exception {
    int rows = options.number("rows", 1_000_000, 50_000);
    int rounds = options.number("rounds", 3, 2);
    String sources = options.text("source", "both");
    int[] writerCounts =
        Arrays.stream(options.text("writers", "0,4").split(","))
            .mapToInt(w -> Integer.parseInt(w.trim()))
            .toArray();
    BenchResult result =
        new BenchResult(name())
            .parameter("rows", rows)
            .parameter("rounds", rounds)
            .parameter("writers", Arrays.stream(writerCounts).boxed().map(w -> (Object) w).toList())
            .parameter(
                "table", "orders: bigint key, bigint, text, numeric, text, timestamptz, jsonb")
            .parameter("zdm_workers", 4)
            .parameter("chunk_time_target_ms", 500);
    if (!sources.equals("mariadb")) {
      fromPostgres(options, rows, rounds, writerCounts, result);
    }
    if (!sources.equals("postgres")) {
      fromMariaDb(options, rows, result);
    }
    return result;
  }

  private void fromPostgres(
      BenchOptions options, int rows, int rounds, int[] writerCounts, BenchResult result)
      throws Exception {
    String[] dumpTools = {findTool("pg_dump"), findTool("psql")};
    String admin = options.postgresUrl();
    try (BenchDatabase source = new BenchDatabase(admin, "bf_src", 8);
        BenchDatabase viaZdm = new BenchDatabase(admin, "bf_zdm", 8);
        BenchDatabase viaDump = new BenchDatabase(admin, "bf_dump", 2)) {
      source.execute(DDL);
      viaZdm.execute(DDL);
      viaDump.execute(DDL);
      long start = System.nanoTime();
      source.execute(OrdersTable.postgresSeed(rows), "ANALYZE orders");
      System.out.printf(
          "backfill benchmark: %,d rows PG->PG, %d alternating rounds; seeded in %.1f s%n",
          rows, rounds, (System.nanoTime() - start) / 1e9);
      for (int writerCount : writerCounts) {
        Writers writers = new Writers(source, rows, writerCount);
        double[] zdm = new double[rounds];
        double[] dump = new double[rounds];
        try {
          for (int r = 0; r < rounds; r++) {
            // Alternate which goes first, so that drift over time hits both alike.
            if (r % 2 == 0) {
              zdm[r] = timeZdm(source.pool, viaZdm, true);
              dump[r] = timeDump(dumpTools, admin, source, viaDump);
            } else {
              dump[r] = timeDump(dumpTools, admin, source, viaDump);
              zdm[r] = timeZdm(source.pool, viaZdm, true);
            }
            viaZdm.execute("TRUNCATE orders");
            viaDump.execute("TRUNCATE orders");
          }
        } finally {
          writers.stop();
        }
        double zdmMedian = Stats.median(zdm);
        double dumpMedian = Stats.median(dump);
        String key = writerCount == 0 ? "pg_no_writers" : "pg_" + writerCount + "_writers";
        System.out.printf(
            "  %d writer(s): zdm (COPY) %s s, pg_dump|psql %s s; medians %.2f s / %.2f s, ratio"
                + " (pg_dump time / zdm time) %.2f; writes committed meanwhile %,d%n",
            writerCount,
            Stats.seconds(zdm),
            Stats.seconds(dump),
            zdmMedian,
            dumpMedian,
            dumpMedian / zdmMedian,
            writers.writes.get());
        result.baseline(key, figures(dump, rows));
        Map<String, Object> zdmFigures = figures(zdm, rows);
        zdmFigures.put("concurrent_writes_committed", writers.writes.get());
        result.zdm(key, zdmFigures);
        String label =
            String.format(
                "%,d rows PG->PG, %s",
                rows, writerCount == 0 ? "no writers" : writerCount + " concurrent writers");
        String baselineText =
            String.format("%.2f s (%,.0f rows/s) pg_dump|psql", dumpMedian, rows / dumpMedian);
        String zdmText = String.format("%.2f s (%,.0f rows/s)", zdmMedian, rows / zdmMedian);
        double ratio = dumpMedian / zdmMedian;
        if (writerCount == 0) {
          result.target(
              label, baselineText, zdmText, ratio, "zdm/pg_dump rows/s", ">= 1.0", ratio >= 1.0);
        } else {
          result.info(label, baselineText, zdmText, ratio, "zdm/pg_dump rows/s");
        }
      }
      double upsert = timeZdm(source.pool, viaZdm, false);
      System.out.printf(
          "  zdm upserts path (postgresCopy(false)), once: %.2f s (%,.0f rows/s)%n",
          upsert, rows / upsert);
      result.zdm("pg_upserts_path_seconds", upsert);
      result.note(
          String.format(
              "zdm's batched-upsert path (the one other engine pairs take), PG->PG once after the"
                  + " rounds: %.2f s (%,.0f rows/s).",
              upsert, rows / upsert));
      result.note(
          "With writers, zdm's chunks take a share lock on the rows they copy (so a chunk never"
              + " overwrites a newer row) and wait on the writers' row locks; pg_dump takes none.");
    }
  }

  private static Map<String, Object> figures(double[] seconds, int rows) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("median_seconds", Stats.median(seconds));
    json.put("median_rows_per_s", rows / Stats.median(seconds));
    json.put("rounds_seconds", Arrays.stream(seconds).boxed().map(s -> (Object) s).toList());
    return json;
  }

  private double timeZdm(DataSource source, BenchDatabase target, boolean copy) {
    // A fresh migration name per run, so no checkpoint of an earlier round is taken as done.
    return backfill(source, target.pool, "bench-backfill-" + ++migrations, copy);
  }

  /** Runs zdm's backfill of orders with the benchmark's settings; returns the seconds it took. */
  static double backfill(DataSource source, DataSource target, String migration, boolean copy) {
    BackfillConfig config =
        BackfillConfig.builder()
            .maxConcurrency(4)
            .rangesPerTable(16)
            .chunkSize(2000, 100, 20_000)
            .chunkTimeTarget(java.time.Duration.ofMillis(500))
            .progressLogInterval(java.time.Duration.ofSeconds(5))
            .build();
    try (Backfill backfill =
        Backfill.builder(migration)
            .from(source)
            .to(target)
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
   * PostgreSQL; there is no plain tool for this pair, so only zdm's time and rate are reported.
   */
  private void fromMariaDb(BenchOptions options, int rows, BenchResult result) throws Exception {
    try (BenchDatabase source = BenchDatabase.mariaDb(options.mariaDbUrl(), "bf_maria", 8);
        BenchDatabase target = new BenchDatabase(options.postgresUrl(), "bf_maria_pg", 8)) {
      target.execute(DDL);
      long start = System.nanoTime();
      source.execute(
          OrdersTable.MARIADB_DDL, OrdersTable.mariaDbSeed(rows), "ANALYZE TABLE orders");
      System.out.printf(
          "backfill benchmark: %,d rows MariaDB->PG; seeded in %.1f s%n",
          rows, (System.nanoTime() - start) / 1e9);
      double zdm = timeZdm(source.pool, target, true);
      System.out.printf("  zdm backfill             %8.2f s  (%,.0f rows/s)%n", zdm, rows / zdm);
      result.zdm("mariadb_to_pg_seconds", zdm);
      result.zdm("mariadb_to_pg_rows_per_s", rows / zdm);
      result.info(
          String.format("%,d rows MariaDB->PG", rows),
          "no plain tool for this pair",
          String.format("%.2f s (%,.0f rows/s)", zdm, rows / zdm),
          null,
          "");
    }
  }

  /** The absolute path of a tool on PATH, or a clear error saying how to get it. */
  static String findTool(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(dir, tool);
      if (candidate.canExecute()) {
        return candidate.getAbsolutePath();
      }
    }
    throw new IllegalStateException(
        "the backfill benchmark compares with '"
            + tool
            + "', which is not on PATH; install the PostgreSQL client tools (e.g. apt-get install"
            + " postgresql-client) or run with --source mariadb");
  }

  private static double timeDump(
      String[] tools, String adminUrl, BenchDatabase source, BenchDatabase target)
      throws Exception {
    String command =
        "set -o pipefail; \""
            + tools[0]
            + "\" --data-only -t orders "
            + source.name
            + " | \""
            + tools[1]
            + "\" -q -v ON_ERROR_STOP=1 "
            + target.name
            + " > /dev/null";
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).inheritIO();
    builder.environment().putAll(libpqEnvironment(adminUrl));
    long start = System.nanoTime();
    int status = builder.start().waitFor();
    if (status != 0) {
      throw new IllegalStateException("pg_dump | psql exited with " + status);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** PGHOST, PGPORT, PGUSER and PGPASSWORD from a PostgreSQL JDBC URL, for pg_dump and psql. */
  static Map<String, String> libpqEnvironment(String jdbcUrl) {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PGHOST", uri.getHost() == null ? "127.0.0.1" : uri.getHost());
    env.put("PGPORT", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()));
    if (uri.getQuery() != null) {
      for (String pair : uri.getQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv.length == 2 && kv[0].equals("user")) {
          env.put("PGUSER", kv[1]);
        } else if (kv.length == 2 && kv[0].equals("password")) {
          env.put("PGPASSWORD", kv[1]);
        }
      }
    }
    return env;
  }

  /** Writers updating (3 in 4) and inserting rows in the source until stopped. */
  private static final class Writers {
    final AtomicLong writes = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    Writers(BenchDatabase source, int rows, int count) {
      for (int w = 0; w < count; w++) {
        int seed = w;
        Thread thread = new Thread(() -> write(source, rows, seed), "bench-writer-" + w);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
    }

    void stop() throws InterruptedException {
      writing.set(false);
      for (Thread thread : threads) {
        thread.join();
      }
    }

    private void write(BenchDatabase source, int rows, int seed) {
      Random random = new Random(seed);
      long nextId = rows + 1L + seed * 10_000_000L;
      try (Connection connection = source.pool.getConnection();
          PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE orders SET status = 'paid', total = total + 1 WHERE id = ?");
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO orders VALUES (?, 1, 'new', 1.00, 'n', now(), '{}'::jsonb)"
                      + " ON CONFLICT (id) DO NOTHING")) {
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
}
