package dev.zdm.bench;

import dev.zdm.Phase;
import dev.zdm.control.ControlListener;
import dev.zdm.control.SwitchReport;
import dev.zdm.jdbc.Backfill;
import dev.zdm.jdbc.Replication;
import dev.zdm.jdbc.control.MigrationControl;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import dev.zdm.jdbc.datasource.DualWriteListener;
import dev.zdm.relay.RelayConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * The write pause of the fenced switch, PostgreSQL to PostgreSQL, at a fixed offered rate of
 * single-row write transactions through {@link DualWriteDataSource} (the write-overhead workload)
 * with the forward and reverse relays running. Cuts over and rolls back {@code --switches} times
 * each, {@code --settle} seconds apart, and prints per switch and as p50/p99/max: the {@link
 * SwitchReport}'s write pause and fence wait, and the pause the writers saw, as the longest latency
 * of a transaction that spanned the switch, measured from its scheduled start (so time spent
 * waiting behind a held-up transaction counts) to its commit, retries included. Transactions that
 * failed with the data source's retryable {@link SQLTransientException} are run again and counted
 * as retried; any other failure is counted as failed. At the end both databases are compared.
 */
final class CutoverBenchmark implements Benchmark {

  private static final String MIGRATION = "bench-cutover";

  @Override
  public String name() {
    return "cutover";
  }

  @Override
  public String usage() {
    return "write pause of cutover and rollback at a fixed write rate through DualWriteDataSource"
        + " [--rate 500] [--switches 10] [--settle 3] [--writers 8]";
  }

  @Override
  public BenchResult run(BenchOptions options, Path output) throws Exception {
    int rate = options.number("rate", 500);
    int switches = options.number("switches", 10, 2);
    int settle = options.number("settle", 3, 1);
    int writers = options.number("writers", 8);
    BenchResult result =
        new BenchResult(name())
            .parameter("pair", "PostgreSQL -> PostgreSQL, same server")
            .parameter("offered_tx_per_s", rate)
            .parameter("writers", writers)
            .parameter("cutovers", switches)
            .parameter("rollbacks", switches)
            .parameter("settle_seconds", settle)
            .parameter("relays", "forward and reverse, 2 workers each");
    String admin = options.postgresUrl();
    RelayConfig relay = RelayConfig.builder().workers(2).build();
    System.out.printf(
        "cutover benchmark: PostgreSQL -> PostgreSQL, %d write tx/s offered by %d writers through"
            + " DualWriteDataSource (70%% update, 30%% insert, one row each), relays running (2"
            + " workers each, default polling), %d cutovers and %d rollbacks, %d s apart%n",
        rate, writers, switches, switches, settle);
    try (BenchDatabase source = new BenchDatabase(admin, "src", writers + 8);
        BenchDatabase target = new BenchDatabase(admin, "tgt", writers + 8)) {
      source.execute(
          RelayBenchmark.TABLE,
          RelayBenchmark.SEED.replace("ROWS", Integer.toString(WriteOverheadBenchmark.SEED_ROWS)));
      target.execute(RelayBenchmark.TABLE);
      AtomicReference<SwitchReport> lastReport = new AtomicReference<>();
      MigrationControl control =
          MigrationControl.builder(MIGRATION)
              .source(source.pool)
              .target(target.pool)
              .table("orders")
              .partitions(relay.partitions())
              .listener(
                  new ControlListener() {
                    @Override
                    public void switched(SwitchReport report) {
                      lastReport.set(report);
                    }
                  })
              .build();
      control.install();
      control.advance(Phase.DUAL_WRITE);
      try (Replication forward = control.forwardReplication(relay)) {
        forward.install();
        forward.start();
        try (Backfill backfill =
            Backfill.builder(MIGRATION).from(source.pool).to(target.pool).table("orders").build()) {
          backfill.install();
          backfill.run();
        }
        recordCleanVerification(source.pool);
        DataSource app =
            DualWriteDataSource.builder(MIGRATION)
                .source(source.pool)
                .target(target.pool)
                .phaseReader(control.phaseReader())
                .listener(DualWriteListener.countingRefusals(control::recordFenceRefusal))
                .build();
        Load load = new Load(app, rate, writers);
        load.start();
        Thread.sleep(settle * 1000L);
        List<Measured> measured = new ArrayList<>();
        Replication reverse = null;
        try {
          for (int i = 1; i <= switches; i++) {
            measured.add(timed("cutover", i, () -> control.cutover(), lastReport, load));
            if (reverse == null) {
              reverse = control.reverseReplication(relay);
              reverse.install();
              reverse.start();
            }
            Thread.sleep(settle * 1000L);
            measured.add(timed("rollback", i, () -> control.rollback(), lastReport, load));
            Thread.sleep(settle * 1000L);
          }
          load.stop();
          boolean drained =
              forward.relay().awaitDrained(Duration.ofMinutes(2))
                  && reverse.relay().awaitDrained(Duration.ofMinutes(2));
          print(measured, load);
          String sourceRows = summary(source.pool);
          String targetRows = summary(target.pool);
          boolean equal = sourceRows.equals(targetRows);
          System.out.printf(
              "after the last rollback, relays drained: %s; source %s, target %s: %s%n",
              drained, sourceRows, targetRows, equal ? "equal" : "DIFFERENT");
          report(result, measured, load, drained && equal, output);
        } finally {
          load.stop();
          if (reverse != null) {
            reverse.close();
          }
        }
      }
    }
    return result;
  }

  private static void report(
      BenchResult result, List<Measured> measured, Load load, boolean equal, Path output)
      throws java.io.IOException {
    Distribution steady = new Distribution();
    for (Load.Done done : load.done) {
      boolean spans = false;
      for (Measured m : measured) {
        spans |= done.scheduled() <= m.end && done.committed() >= m.start;
      }
      if (!spans) {
        steady.add((done.committed() - done.scheduled()) / 1000);
      }
    }
    result.baseline("steady_tx_latency_p50_ms", steady.percentile(50) / 1000.0);
    result.baseline("steady_tx_latency_p99_ms", steady.percentile(99) / 1000.0);
    result.baseline("steady_tx_latency_max_ms", steady.percentile(100) / 1000.0);
    String steadyText =
        "tx latency outside switches p99 " + Distribution.millis(steady.percentile(99));
    for (String direction : List.of("cutover", "rollback")) {
      Pauses pauses = Pauses.of(measured, direction);
      Distribution pause = pauses.switchReport();
      Distribution seen = pauses.writers();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("switch_report_pause_p50_ms", pause.percentile(50) / 1000.0);
      json.put("switch_report_pause_p99_ms", pause.percentile(99) / 1000.0);
      json.put("switch_report_pause_max_ms", pause.percentile(100) / 1000.0);
      json.put("writers_pause_p50_ms", seen.percentile(50) / 1000.0);
      json.put("writers_pause_p99_ms", seen.percentile(99) / 1000.0);
      json.put("writers_pause_max_ms", seen.percentile(100) / 1000.0);
      result.zdm(direction, json);
      String text =
          String.format(
              "writers saw p50 %s, p99 %s, max %s (SwitchReport p50 %s, p99 %s, max %s)",
              Distribution.millis(seen.percentile(50)),
              Distribution.millis(seen.percentile(99)),
              Distribution.millis(seen.percentile(100)),
              Distribution.millis(pause.percentile(50)),
              Distribution.millis(pause.percentile(99)),
              Distribution.millis(pause.percentile(100)));
      String label = String.format("%s write pause (%d switches)", direction, pause.count());
      double ratio = (double) seen.percentile(99) / Math.max(1, steady.percentile(99));
      if (direction.equals("cutover")) {
        result.target(
            label,
            steadyText,
            text,
            ratio,
            "pause p99/steady latency p99",
            "writers' p99 <= 100 ms",
            seen.percentile(99) <= 100_000);
      } else {
        result.info(label, steadyText, text, ratio, "pause p99/steady latency p99");
      }
    }
    long retried = load.fenceRetries.get() + load.otherRetries.get();
    result.zdm("committed", load.done.size());
    result.zdm("retried", retried);
    result.zdm("failed", load.failed.get());
    result.zdm("tables_equal_afterwards", equal);
    result.target(
        "failed transactions",
        "",
        String.format(
            "%,d committed, %d retried, %d failed; tables equal afterwards: %s",
            load.done.size(), retried, load.failed.get(), equal),
        null,
        "",
        "0 failed, tables equal",
        load.failed.get() == 0 && equal);
    result.note(
        "Writers' pause: the longest latency, from scheduled start to commit, of a transaction"
            + " that spanned the switch. SwitchReport: the time the fence held writes.");
    charts(result, measured, load, output);
  }

  /** Commits per interval around the cutover that paused writers longest, and over the run. */
  private static void charts(BenchResult result, List<Measured> measured, Load load, Path output)
      throws java.io.IOException {
    Measured worst = null;
    for (Measured m : measured) {
      if (m.direction.equals("cutover")
          && (worst == null || m.writersPauseMicros() > worst.writersPauseMicros())) {
        worst = m;
      }
    }
    if (worst == null) {
      return;
    }
    long bucket = 20_000_000L;
    long from = worst.start - 1_000_000_000L;
    long to = worst.end + 1_500_000_000L;
    int count = (int) ((to - from) / bucket);
    double[] x = new double[count];
    double[] commits = new double[count];
    for (int i = 0; i < count; i++) {
      x[i] = (from + i * bucket - worst.start) / 1e6;
    }
    for (Load.Done done : load.done) {
      if (done.committed() >= from && done.committed() < to) {
        int i = (int) ((done.committed() - from) / bucket);
        if (i < count) {
          commits[i]++;
        }
      }
    }
    LineChart zoom =
        new LineChart(
            String.format(
                "Commits per 20 ms around cutover #%d (%d tx/s offered; shaded: switch calls)",
                worst.number, load.rate),
            "ms since the cutover call",
            "transactions committed per 20 ms");
    for (Measured m : measured) {
      if (m.end >= from && m.start < to) {
        zoom.span(
            (m.start - worst.start) / 1e6,
            (m.end - worst.start) / 1e6,
            String.format(
                "%s #%d (writers' pause %.0f ms)",
                m.direction, m.number, m.writersPauseMicros() / 1000.0));
      }
    }
    zoom.series("commits", x, commits).write(output.resolve("cutover-writes.png"));
    result.chart("cutover-writes.png");

    long wide = 100_000_000L;
    long runFrom = load.startedAt;
    int wideCount = (int) ((load.stoppedAt - runFrom) / wide);
    double[] wx = new double[wideCount];
    double[] wc = new double[wideCount];
    for (int i = 0; i < wideCount; i++) {
      wx[i] = i * wide / 1e9;
    }
    for (Load.Done done : load.done) {
      int i = (int) ((done.committed() - runFrom) / wide);
      if (i >= 0 && i < wideCount) {
        wc[i]++;
      }
    }
    LineChart all =
        new LineChart(
            "Commits per 100 ms over the cutover run (shaded: switches)",
            "seconds since the writers started",
            "transactions committed per 100 ms");
    for (Measured m : measured) {
      all.span(
          (m.start - runFrom) / 1e9,
          (m.end - runFrom) / 1e9,
          m.direction.equals("cutover") ? "C" + m.number : "R" + m.number);
    }
    all.series("commits", wx, wc).write(output.resolve("cutover-writes-run.png"));
    result.chart("cutover-writes-run.png");
  }

  private static void recordCleanVerification(DataSource source) throws SQLException {
    long now = System.currentTimeMillis();
    try (Connection connection = source.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO zdm_verifications (migration, outcome, started_at_ms, finished_at_ms)"
                    + " VALUES (?, 'clean', ?, ?)")) {
      // The verifier is not part of this benchmark; the guard only needs a clean, recent run.
      insert.setString(1, MIGRATION);
      insert.setLong(2, now - 1000);
      insert.setLong(3, now);
      insert.executeUpdate();
    }
  }

  private interface SwitchCall {
    void run() throws Exception;
  }

  private static Measured timed(
      String direction,
      int number,
      SwitchCall call,
      AtomicReference<SwitchReport> lastReport,
      Load load)
      throws Exception {
    long start = System.nanoTime();
    call.run();
    long end = System.nanoTime();
    return new Measured(direction, number, lastReport.get(), start, end, load);
  }

  /** A switch, its report, and what the writers saw of it once they moved on. */
  /** The SwitchReport's write pauses and the writers' longest transactions, in microseconds. */
  private record Pauses(Distribution switchReport, Distribution writers) {

    static Pauses of(List<Measured> measured, String direction) {
      Pauses pauses = new Pauses(new Distribution(), new Distribution());
      for (Measured m : measured) {
        if (m.direction.equals(direction)) {
          pauses.switchReport.add(m.report.writePause().toNanos() / 1000);
          pauses.writers.add(m.writersPauseMicros());
        }
      }
      return pauses;
    }
  }

  private static final class Measured {
    final String direction;
    final int number;
    final SwitchReport report;
    final long start;
    final long end;
    final Load load;

    Measured(String direction, int number, SwitchReport report, long start, long end, Load load) {
      this.direction = direction;
      this.number = number;
      this.report = report;
      this.start = start;
      this.end = end;
      this.load = load;
    }

    /** The longest latency, scheduled start to commit, of a transaction that spanned the switch. */
    long writersPauseMicros() {
      long longest = 0;
      for (Load.Done done : load.done) {
        if (done.scheduled() <= end && done.committed() >= start) {
          longest = Math.max(longest, done.committed() - done.scheduled());
        }
      }
      return longest / 1000;
    }
  }

  private static void print(List<Measured> measured, Load load) {
    System.out.printf(
        "%n%-9s %2s %14s %11s %8s %22s%n",
        "switch", "#", "write pause", "fence wait", "drained", "writers' longest tx");
    for (Measured m : measured) {
      System.out.printf(
          "%-9s %2d %11d ms %8d ms %8d %19.1f ms%n",
          m.direction,
          m.number,
          m.report.writePause().toMillis(),
          m.report.fenceWait().toMillis(),
          m.report.drainedChanges(),
          m.writersPauseMicros() / 1000.0);
    }
    for (String direction : List.of("cutover", "rollback")) {
      Pauses pauses = Pauses.of(measured, direction);
      Distribution pause = pauses.switchReport();
      Distribution seen = pauses.writers();
      System.out.printf(
          "%n%s (%d switches)%n   SwitchReport write pause      p50 %s   p99 %s   max %s%n"
              + "   writers' pause (longest tx)   p50 %s   p99 %s   max %s%n",
          direction,
          pause.count(),
          Distribution.millis(pause.percentile(50)),
          Distribution.millis(pause.percentile(99)),
          Distribution.millis(pause.percentile(100)),
          Distribution.millis(seen.percentile(50)),
          Distribution.millis(seen.percentile(99)),
          Distribution.millis(seen.percentile(100)));
    }
    Distribution latency = new Distribution();
    for (Load.Done done : load.done) {
      latency.add((done.committed() - done.scheduled()) / 1000);
    }
    double seconds = (load.stoppedAt - load.startedAt) / 1e9;
    System.out.printf(
        "%ntransactions: %,d committed (%.0f tx/s achieved), latency from schedule p50 %s  p99 %s"
            + "  max %s%nretried: %d (SQLTransientException from the data source %d, other"
            + " transient %d); failed: %d%n",
        latency.count(),
        latency.count() / seconds,
        Distribution.millis(latency.percentile(50)),
        Distribution.millis(latency.percentile(99)),
        Distribution.millis(latency.percentile(100)),
        load.fenceRetries.get() + load.otherRetries.get(),
        load.fenceRetries.get(),
        load.otherRetries.get(),
        load.failed.get());
    if (!load.failures.isEmpty()) {
      System.out.println("first failure: " + load.failures.peek());
    }
  }

  private static String summary(DataSource db) throws SQLException {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT count(*), sum(amount), md5(string_agg(id || ':' || status || ':' ||"
                    + " amount, ',' ORDER BY id)) FROM orders")) {
      row.next();
      return String.format(
          "%d rows, sum %s, md5 %s", row.getLong(1), row.getBigDecimal(2), row.getString(3));
    }
  }

  /**
   * Writers at a fixed total rate: each transaction has a scheduled start, and a writer that falls
   * behind runs the next at once, so a held-up transaction delays the ones behind it and their
   * latency from schedule shows it.
   */
  private static final class Load {
    record Done(long scheduled, long committed) {}

    final ConcurrentLinkedQueue<Done> done = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<SQLException> failures = new ConcurrentLinkedQueue<>();
    final AtomicLong fenceRetries = new AtomicLong();
    final AtomicLong otherRetries = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong nextId = new AtomicLong(WriteOverheadBenchmark.SEED_ROWS + 1L);
    private final List<Thread> threads = new ArrayList<>();
    volatile long startedAt;
    volatile long stoppedAt;

    final int rate;

    Load(DataSource app, int rate, int writers) {
      this.rate = rate;
      long interval = 1_000_000_000L * writers / rate;
      for (int w = 0; w < writers; w++) {
        long offset = interval * w / writers;
        threads.add(
            new Thread(
                () -> {
                  long scheduled = startedAt + offset;
                  while (running.get()) {
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                      LockSupport.parkNanos(wait);
                    }
                    write(app, scheduled);
                    scheduled += interval;
                  }
                },
                "bench-app-" + w));
      }
    }

    private void write(DataSource app, long scheduled) {
      while (true) {
        try {
          WriteOverheadBenchmark.singleRowWrite(app, nextId);
          done.add(new Done(scheduled, System.nanoTime()));
          return;
        } catch (SQLTransientException e) {
          fenceRetries.incrementAndGet();
        } catch (SQLException e) {
          if ("40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState())) {
            otherRetries.incrementAndGet();
          } else {
            failed.incrementAndGet();
            failures.add(e);
            return;
          }
        }
      }
    }

    void start() {
      startedAt = System.nanoTime();
      threads.forEach(Thread::start);
    }

    void stop() throws InterruptedException {
      if (running.getAndSet(false)) {
        for (Thread thread : threads) {
          thread.join();
        }
        stoppedAt = System.nanoTime();
      }
    }
  }
}
