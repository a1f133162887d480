package dev.zdm.bench;

import dev.zdm.backfill.BackfillConfig;
import dev.zdm.jdbc.Verification;
import dev.zdm.verify.VerificationReport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import javax.sql.DataSource;

/**
 * Verifies identical orders-shaped tables. PostgreSQL to PostgreSQL: zdm's verification against the
 * plain scans {@code SELECT count(*), sum(hashtextextended(t::text, 0)) FROM orders t} run on both
 * databases one after the other, alternating, in the same run; prints the median of each and their
 * ratio. MariaDB to PostgreSQL: zdm's verification (rows streamed from both and digested in Java)
 * and its rows per second.
 */
final class VerifyBenchmark implements Benchmark {

  private static final String PLAIN_SCAN =
      "SELECT count(*), sum(hashtextextended(t::text, 0)) FROM orders t";

  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String usage() {
    return "zdm's verification vs raw count+hash scans of both sides; MariaDB->PG rows/s"
        + " [--rows 1000000] [--cross-rows 1000000] [--rounds 5]";
  }

  @Override
  public BenchResult run(BenchOptions options, java.nio.file.Path output) throws Exception {
    int rows = options.number("rows", 1_000_000, 50_000);
    int crossRows = options.number("cross-rows", rows);
    int rounds = options.number("rounds", 5, 3);
    int concurrency = options.number("concurrency", 4);
    BenchResult result =
        new BenchResult(name())
            .parameter("rows", rows)
            .parameter("cross_engine_rows", crossRows)
            .parameter("rounds", rounds)
            .parameter("concurrency", concurrency)
            .parameter("baseline_query", PLAIN_SCAN);
    String admin = options.postgresUrl();
    BackfillConfig config =
        BackfillConfig.builder()
            .maxConcurrency(concurrency)
            .chunkSize(2000, 100, options.number("chunk", 20_000))
            .build();
    try (BenchDatabase source = new BenchDatabase(admin, "vf_src", 8);
        BenchDatabase target = new BenchDatabase(admin, "vf_dst", 8)) {
      long start = System.nanoTime();
      for (BenchDatabase db : new BenchDatabase[] {source, target}) {
        db.execute(
            OrdersTable.POSTGRES_DDL, OrdersTable.postgresSeed(rows), "VACUUM ANALYZE orders");
      }
      System.out.printf(
          "verify benchmark: %,d identical orders rows PG->PG; seeded in %.1f s%n",
          rows, (System.nanoTime() - start) / 1e9);
      Verification verification = verification(source.pool, target.pool, config);
      verification.install();
      plainScans(source, target); // warm both caches alike
      double[] zdm = new double[rounds];
      double[] plain = new double[rounds];
      double[] together = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        zdm[r] = timeZdm(verification, rows);
        plain[r] = plainScans(source, target);
        together[r] = plainScansAtOnce(source, target);
      }
      double zdmMedian = Stats.median(zdm);
      double plainMedian = Stats.median(plain);
      System.out.printf("  rounds %d, concurrency %d; medians:%n", rounds, concurrency);
      System.out.printf(
          "  zdm verification (in-database digests)  %7.2f s  (%,.0f rows/s)  all runs %s%n",
          zdmMedian, rows / zdmMedian, Stats.seconds(zdm));
      System.out.printf(
          "  plain count+hashtextextended, both DBs  %7.2f s  (%,.0f rows/s)  all runs %s%n",
          plainMedian, rows / plainMedian, Stats.seconds(plain));
      double togetherMedian = Stats.median(together);
      System.out.printf(
          "  the same two scans run at once          %7.2f s  (%,.0f rows/s)  all runs %s%n",
          togetherMedian, rows / togetherMedian, Stats.seconds(together));
      System.out.printf(
          "  ratio zdm / plain (one after the other) %7.2f%n", zdmMedian / plainMedian);
      System.out.printf(
          "  ratio zdm / plain (at once)             %7.2f%n", zdmMedian / togetherMedian);
      result.baseline("pg_scans_one_after_other", figures(plain, rows));
      result.baseline("pg_scans_at_once", figures(together, rows));
      result.zdm("pg_to_pg", figures(zdm, rows));
      double ratio = zdmMedian / plainMedian;
      result.target(
          String.format("%,d identical rows PG->PG", rows),
          String.format("%.2f s raw hash scans, both sides in turn", plainMedian),
          String.format("%.2f s (%,.0f rows/s)", zdmMedian, rows / zdmMedian),
          ratio,
          "zdm/scans time",
          "<= 1.2",
          ratio <= 1.2);
      result.info(
          "the same, scans of both sides at once",
          String.format("%.2f s", togetherMedian),
          String.format("%.2f s", zdmMedian),
          zdmMedian / togetherMedian,
          "zdm/scans time");
    }
    if (crossRows > 0) {
      crossEngine(options, crossRows, config, result);
    }
    return result;
  }

  private static java.util.Map<String, Object> figures(double[] seconds, int rows) {
    java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
    json.put("median_seconds", Stats.median(seconds));
    json.put("median_rows_per_s", rows / Stats.median(seconds));
    json.put("rounds_seconds", Arrays.stream(seconds).boxed().map(s -> (Object) s).toList());
    return json;
  }

  private static void crossEngine(
      BenchOptions options, int rows, BackfillConfig config, BenchResult result) throws Exception {
    try (BenchDatabase maria = BenchDatabase.mariaDb(options.mariaDbUrl(), "vf_maria", 8);
        BenchDatabase target = new BenchDatabase(options.postgresUrl(), "vf_pg", 8)) {
      long start = System.nanoTime();
      maria.execute(OrdersTable.MARIADB_DDL, OrdersTable.mariaDbSeed(rows), "ANALYZE TABLE orders");
      target.execute(
          OrdersTable.POSTGRES_DDL, OrdersTable.postgresSeed(rows), "VACUUM ANALYZE orders");
      System.out.printf(
          "verify benchmark: %,d identical orders rows MariaDB->PG; seeded in %.1f s%n",
          rows, (System.nanoTime() - start) / 1e9);
      Verification verification = verification(maria.pool, target.pool, config);
      verification.install();
      double took = timeZdm(verification, rows);
      System.out.printf(
          "  zdm verification (canonical digests in Java)  %7.2f s  (%,.0f rows/s)%n",
          took, rows / took);
      result.zdm("mariadb_to_pg_seconds", took);
      result.zdm("mariadb_to_pg_rows_per_s", rows / took);
      result.info(
          String.format("%,d identical rows MariaDB->PG", rows),
          "no raw cross-engine equivalent",
          String.format("%.2f s (%,.0f rows/s)", took, rows / took),
          null,
          "");
    }
  }

  static Verification verification(DataSource from, DataSource to, BackfillConfig config) {
    return Verification.builder("bench-verify")
        .from(from)
        .to(to)
        .table("orders")
        .config(config)
        .liveTraffic(false)
        .build();
  }

  static double timeZdm(Verification verification, int rows) {
    long start = System.nanoTime();
    VerificationReport report = verification.run();
    double took = (System.nanoTime() - start) / 1e9;
    if (report.outcome() != VerificationReport.Outcome.CLEAN || report.rowsCompared() != rows) {
      throw new IllegalStateException(
          "expected a clean verification of " + rows + " rows, got " + report.toText());
    }
    return took;
  }

  private static double plainScans(BenchDatabase source, BenchDatabase target) throws SQLException {
    long start = System.nanoTime();
    String[] results = new String[2];
    BenchDatabase[] both = {source, target};
    for (int i = 0; i < 2; i++) {
      try (Connection connection = both[i].pool.getConnection();
          Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery(PLAIN_SCAN)) {
        row.next();
        results[i] = row.getLong(1) + "/" + row.getString(2);
      }
    }
    if (!results[0].equals(results[1])) {
      throw new IllegalStateException("the plain scans differ: " + Arrays.toString(results));
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double plainScansAtOnce(BenchDatabase source, BenchDatabase target)
      throws Exception {
    long start = System.nanoTime();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.List<java.util.concurrent.Future<String>> scans = new java.util.ArrayList<>();
      for (BenchDatabase db : new BenchDatabase[] {source, target}) {
        scans.add(
            pool.submit(
                () -> {
                  try (Connection connection = db.pool.getConnection();
                      Statement statement = connection.createStatement();
                      ResultSet row = statement.executeQuery(PLAIN_SCAN)) {
                    row.next();
                    return row.getLong(1) + "/" + row.getString(2);
                  }
                }));
      }
      if (!scans.get(0).get().equals(scans.get(1).get())) {
        throw new IllegalStateException("the plain scans differ");
      }
    } finally {
      pool.shutdown();
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
