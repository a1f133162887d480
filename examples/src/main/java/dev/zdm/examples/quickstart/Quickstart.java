package dev.zdm.examples.quickstart;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import dev.zdm.Phase;
import dev.zdm.ZdmException;
import dev.zdm.backfill.BackfillConfig;
import dev.zdm.backfill.BackfillProgress;
import dev.zdm.control.ControlListener;
import dev.zdm.control.SwitchReport;
import dev.zdm.jdbc.Backfill;
import dev.zdm.jdbc.Dialects;
import dev.zdm.jdbc.Replication;
import dev.zdm.jdbc.Verification;
import dev.zdm.jdbc.control.MigrationControl;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import dev.zdm.jdbc.shadow.ShadowReader;
import dev.zdm.relay.RelayConfig;
import dev.zdm.verify.VerificationReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * The program a newcomer runs first: the whole migration of a small shop from one database to
 * another while the shop keeps serving. The application's reads and writes go through {@link
 * DualWriteDataSource} the whole time; {@link MigrationControl} walks the phases: DUAL_WRITE
 * (capture and relay), the backfill with a live progress display, verification, SHADOW (one in ten
 * of the shop's reads compared on the target, {@link ShadowCheck}), the fenced cutover,
 * TARGET_PRIMARY with reverse replication, verification of the way back, TARGET_ONLY. Two embedded
 * H2 databases unless told otherwise.
 *
 * <p>State lives in the databases (the phase in zdm's control table, the backfill's checkpoints),
 * so a second run against the same databases continues where the first stopped.
 *
 * <p>Exit status: 0 when every verification was clean, no shadow read found a mismatch and no
 * application request failed, 1 otherwise or when zdm reports an error, 2 on a bad command line.
 */
public final class Quickstart {

  static final String MIGRATION = "quickstart";

  /**
   * Four partitions and two workers. Orders reference customers, and an order's change can reach
   * the target before its customer's, which travels in another partition; the relay then waits for
   * the older changes of the other partitions instead of parking the order (docs/relay.md).
   */
  static final RelayConfig RELAY =
      RelayConfig.builder()
          .partitions(4)
          .workers(2)
          .polling(Duration.ofMillis(2), Duration.ofMillis(50))
          .build();

  /**
   * The backfill waits while the relay is further behind than this, so that the relay keeps up with
   * the shop; after a restart the relay first works off what was captured before it.
   */
  static final Duration RELAY_LAG_BOUND = Duration.ofSeconds(5);

  /** How long Ctrl-C waits for the clean stop before the JVM exits anyway. */
  static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private final PrintStream out;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private volatile String stoppedAt = "starting";

  Quickstart(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the quickstart.
   *
   * @param args the command line, see {@code --help}
   */
  public static void main(String[] args) {
    Quickstart quickstart = new Quickstart(System.out);
    Thread hook = new Thread(quickstart::stopAndWait, "zdm-quickstart-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    int status;
    try {
      status = quickstart.run(QuickstartOptions.parse(args));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      status = 2;
    } finally {
      quickstart.finished.countDown();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Ctrl-C: the JVM is shutting down already and exits once the hook returns
    }
    System.exit(status);
  }

  /**
   * The shutdown hook (Ctrl-C, SIGTERM): asks the walk-through to stop at its next check, which
   * stops the traffic, the backfill (after its chunks in flight, leases released) and the relays,
   * and prints where it stopped; waits for that, as the JVM ends when the hook returns.
   */
  private void stopAndWait() {
    stopRequested = true;
    try {
      if (!finished.await(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        out.println("did not stop within " + STOP_WAIT.toSeconds() + " s; exiting anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
  }

  /** Thrown at the walk-through's next check after Ctrl-C. */
  private static final class StopRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StopRequested() {
      super("stopped by request", null, false, false);
    }
  }

  private void checkStop() {
    if (stopRequested) {
      throw new StopRequested();
    }
  }

  int run(QuickstartOptions options) {
    if (options.help()) {
      out.print(QuickstartOptions.USAGE);
      return 0;
    }
    Summary summary = new Summary();
    int status;
    try (HikariDataSource source = pool("source", options.sourceUrl(), options.writers() + 8);
        HikariDataSource target = pool("target", options.targetUrl(), options.writers() + 8)) {
      status = new Walk(options, source, target, summary).run();
    } catch (ZdmException | SQLException | PoolInitializationException e) {
      summary.error = e.getMessage();
      out.println("FAILED: " + e.getMessage());
      status = 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      summary.error = "interrupted";
      out.println("FAILED: interrupted");
      status = 1;
    } catch (StopRequested e) {
      summary.error = "stopped by request " + stoppedAt;
      out.printf(
          "stopped by request %s; state is kept in the databases: run again with the same"
              + " arguments to continue%n",
          stoppedAt);
      status = 130;
    }
    summary.ok = status == 0;
    if (options.report().isPresent()) {
      try {
        Files.writeString(options.report().get(), summary.toJson(), StandardCharsets.UTF_8);
        out.println("report written to " + options.report().get());
      } catch (IOException e) {
        out.println("FAILED: cannot write the report to " + options.report().get() + ": " + e);
        return 1;
      }
    }
    return status;
  }

  /** One run of the walk-through: the databases, zdm's parts and the shop's traffic. */
  private final class Walk {
    private final QuickstartOptions options;
    private final HikariDataSource source;
    private final HikariDataSource target;
    private final Summary summary;
    private final List<SwitchReport> switches = new CopyOnWriteArrayList<>();
    private ShadowReader shadow;
    private int step;

    Walk(
        QuickstartOptions options,
        HikariDataSource source,
        HikariDataSource target,
        Summary summary) {
      this.options = options;
      this.source = source;
      this.target = target;
      this.summary = summary;
    }

    int run() throws SQLException, InterruptedException {
      summary.source = Dialects.detect(source).name();
      summary.target = Dialects.detect(target).name();
      out.printf(
          "zdm quickstart: %s -> %s, migration '%s'%n", summary.source, summary.target, MIGRATION);
      MigrationControl control =
          MigrationControl.builder(MIGRATION)
              .source(source)
              .target(target)
              .table("customers")
              .table("orders")
              .partitions(RELAY.partitions())
              .fenceTimeout(Duration.ofSeconds(5))
              .drainTimeout(Duration.ofSeconds(30))
              .listener(
                  new ControlListener() {
                    @Override
                    public void switched(SwitchReport report) {
                      switches.add(report);
                    }
                  })
              .build();
      try (Connection connection = source.getConnection()) {
        ShopSchema.create(connection, true);
      }
      try (Connection connection = target.getConnection()) {
        ShopSchema.create(connection, false);
      }
      control.install();
      Phase phase = control.status().state().phase();
      if (phase == Phase.CUTOVER) {
        out.println("   a switch was cut off in an earlier run; repairing the control rows");
        phase = control.recover().phase();
      }
      if (phase == Phase.TARGET_ONLY) {
        out.println("the migration is finished already (TARGET_ONLY): nothing to do");
        summary.phase = phase;
        return 0;
      }
      if (QuickstartOptions.STOPS.indexOf(phase)
          > QuickstartOptions.STOPS.indexOf(options.until())) {
        out.printf(
            "the migration is at %s, past --until %s: nothing to do%n", phase, options.until());
        summary.phase = phase;
        return 0;
      }
      if (phase == Phase.OFF) {
        try (Connection connection = source.getConnection()) {
          long seeded = ShopSchema.seed(connection, options.rows());
          say("seeded the source: %,d rows of customers and orders", seeded);
        }
        phase = control.advance(Phase.DUAL_WRITE).phase();
        say("DUAL_WRITE: capture on the source, the target fenced against application writes");
      } else {
        say("continuing the migration from %s (read from zdm's control table)", phase);
      }
      DualWriteDataSource app =
          DualWriteDataSource.builder(MIGRATION)
              .source(source)
              .target(target)
              .phaseReader(control.phaseReader())
              .phaseRefresh(Duration.ofMillis(100))
              .cutoverWait(Duration.ofSeconds(30))
              .shadowReads(ShadowCheck.settings())
              .build();
      try (ShadowReader shadowReader = app.shadowReader().orElseThrow();
          Replication forward = control.forwardReplication(RELAY);
          Replication reverse = control.reverseReplication(RELAY)) {
        forward.install();
        reverse.install();
        forward.start();
        reverse.start();
        ShopTraffic traffic = new ShopTraffic(app);
        traffic.start(options.writers(), options.rate());
        say(
            "the shop serves through DualWriteDataSource: %d writers (~%,d writes/s) and a reader",
            options.writers(), options.rate());
        shadow = shadowReader;
        boolean ok;
        try {
          ok = walk(control, phase, traffic, forward, reverse);
        } finally {
          traffic.close();
          if (stopRequested) {
            // the relays stop when closed below; what they did not carry yet stays captured
            out.println(
                "   stopping: traffic stopped, backfill workers closed; closing the relays");
          } else {
            summary.drained =
                forward.relay().awaitDrained(Duration.ofSeconds(60))
                    & reverse.relay().awaitDrained(Duration.ofSeconds(60));
            summary.deadLetters =
                forward.deadLetters().list(1000).size() + reverse.deadLetters().list(1000).size();
          }
          summary.shadow =
              summary.shadowed && !stopRequested
                  ? ShadowCheck.settle(shadowReader)
                  : ShadowCheck.Counts.of(shadowReader);
          summary.record(traffic, switches);
        }
        summary.phase = control.status().state().phase();
        return printSummary(ok, traffic);
      }
    }

    private boolean walk(
        MigrationControl control,
        Phase phase,
        ShopTraffic traffic,
        Replication forward,
        Replication reverse)
        throws InterruptedException {
      if (phase == Phase.DUAL_WRITE) {
        serve(traffic, "DUAL_WRITE");
        backfill(forward, traffic);
        if (!verify(Direction.FORWARD, traffic)) {
          return false;
        }
        if (options.until() == Phase.DUAL_WRITE) {
          return stopped(Phase.DUAL_WRITE);
        }
        control.advance(Phase.SHADOW);
        say("SHADOW: backfill done and verified; the source still takes every write");
        phase = Phase.SHADOW;
      }
      if (phase == Phase.SHADOW) {
        summary.shadowed = true;
        serve(traffic, "SHADOW");
        out.printf(
            "   shadow reads   1 in %d of the shop's reads, so far %s%n",
            ShadowCheck.SAMPLE_ONE_IN, ShadowCheck.Counts.of(shadow).line());
        if (options.until() == Phase.SHADOW) {
          return stopped(Phase.SHADOW);
        }
        if (!cutover(control, traffic)) {
          return false;
        }
        phase = Phase.TARGET_PRIMARY;
        if (options.rollback()) {
          control.rollback();
          say(
              "rolled back to DUAL_WRITE: the target's writes were carried back, the source"
                  + " takes writes again (write pause %d ms)",
              last().writePause().toMillis());
          serve(traffic, "DUAL_WRITE");
          if (!verify(Direction.FORWARD, traffic) || !cutover(control, traffic)) {
            return false;
          }
        }
      }
      if (phase == Phase.TARGET_PRIMARY) {
        if (options.until() == Phase.TARGET_PRIMARY) {
          return stopped(Phase.TARGET_PRIMARY);
        }
        if (!verify(Direction.REVERSE, traffic)) {
          return false;
        }
        control.advance(Phase.TARGET_ONLY);
        say("TARGET_ONLY: capture removed on both sides; the target is the database now");
        serve(traffic, "TARGET_ONLY");
      }
      return true;
    }

    private boolean cutover(MigrationControl control, ShopTraffic traffic)
        throws InterruptedException {
      SwitchReport report = control.cutover();
      say(
          "cutover: fenced switch to the target: write pause %d ms (in-flight wait %d ms),"
              + " %,d captured changes drained",
          report.writePause().toMillis(), report.fenceWait().toMillis(), report.drainedChanges());
      serve(traffic, "TARGET_PRIMARY");
      return true;
    }

    private SwitchReport last() {
      return switches.get(switches.size() - 1);
    }

    private boolean stopped(Phase phase) {
      out.printf(
          "stopped after %s as asked (--until); run again with the same databases to continue%n",
          phase);
      return true;
    }

    private void backfill(Replication forward, ShopTraffic traffic) throws InterruptedException {
      say("backfill: copying the source's rows while the shop writes");
      long started = System.nanoTime();
      try (Backfill backfill =
          Backfill.builder(MIGRATION)
              .from(source)
              .to(target)
              .table("customers")
              .table("orders")
              .config(
                  BackfillConfig.builder()
                      .maxConcurrency(2)
                      .rangesPerTable(4)
                      .rowsPerSecond(options.backfillRate())
                      .build())
              .backOffWhenRelayLagAbove(forward.relay(), RELAY_LAG_BOUND)
              .build()) {
        backfill.install();
        // run() rather than polling awaitCompletion: a backfill that stopped on an error must end
        // the walk with that error, not leave it printing the same progress line for ever
        CompletableFuture<BackfillProgress> done = CompletableFuture.supplyAsync(backfill::run);
        while (!awaitBackfill(done)) {
          BackfillProgress p = backfill.progress();
          stoppedAt =
              String.format(
                  "during the backfill at %.1f%% (%,d rows copied and checkpointed)",
                  p.percent(), p.rowsCopied());
          checkStop();
          Duration lag = forward.relay().lag();
          out.printf(
              "   backfill %5.1f%%  %,9d of ~%,d rows  %,8.0f rows/s  ETA %s   shop: %,d served"
                  + " %,d failed%s%n",
              p.percent(),
              p.rowsCopied(),
              p.estimatedRows(),
              p.rowsPerSecond(),
              p.eta().map(d -> d.toSeconds() + " s").orElse("?"),
              traffic.served(),
              traffic.failures.get(),
              lag.compareTo(RELAY_LAG_BOUND) > 0
                  ? String.format(
                      "   (waiting: relay lag %.1f s is above %d s)",
                      lag.toMillis() / 1000.0, RELAY_LAG_BOUND.toSeconds())
                  : "");
        }
        BackfillProgress p = backfill.progress();
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        summary.rowsCopied += p.rowsCopied();
        summary.backfillSeconds += seconds;
        out.printf(
            "   backfill 100.0%%  %,9d rows copied in %.1f s (%,.0f rows/s)%n",
            p.rowsCopied(), seconds, p.rowsCopied() / seconds);
      }
      // The tables' ranges are planned one after the other, so the orders copied may reference
      // customers created in between, which only the relay carries; after a restart the relay may
      // still be working through its backlog. The constraint is asked for until the relay has
      // caught up (and again when the relay's writes make it a deadlock victim).
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      for (int attempt = 1; ; attempt++) {
        try (Connection connection = target.getConnection()) {
          if (ShopSchema.addForeignKey(connection)) {
            out.println("   foreign key orders -> customers added on the target");
          }
          ShopSchema.analyze(connection);
          return;
        } catch (SQLException e) {
          if (System.nanoTime() > deadline) {
            throw new ZdmException(
                "adding the foreign key on the target failed: " + e.getMessage(), e);
          }
          checkStop();
          if (attempt == 1) {
            out.printf(
                "   foreign key not added yet (SQLSTATE %s); waiting for the relay to catch up%n",
                e.getSQLState());
          }
          Thread.sleep(500);
        }
      }
    }

    /** Waits a second for the backfill; true once it finished, its error if it failed. */
    private boolean awaitBackfill(CompletableFuture<BackfillProgress> done)
        throws InterruptedException {
      try {
        done.get(1, TimeUnit.SECONDS);
        return true;
      } catch (TimeoutException e) {
        return false;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        throw cause instanceof ZdmException z
            ? z
            : new ZdmException("the backfill failed: " + cause.getMessage(), cause);
      }
    }

    private boolean verify(Direction direction, ShopTraffic traffic) {
      DataSource from = direction == Direction.FORWARD ? source : target;
      DataSource to = direction == Direction.FORWARD ? target : source;
      checkStop();
      stoppedAt = "before verification " + direction.label;
      say("verification %s while the shop writes", direction.label);
      try (Verification verification =
          Verification.builder(MIGRATION)
              .from(from)
              .to(to)
              .table("customers")
              .table("orders")
              .relayPartitions(RELAY.partitions())
              .build()) {
        verification.install();
        VerificationReport report = verification.run();
        summary.verifications.add(new Summary.Check(direction.label, report));
        summary.differences += report.differenceCount();
        out.printf(
            "   %s: %,d rows compared in %d ms, %,d differences%n",
            report.outcome().code(),
            report.rowsCompared(),
            report.duration().toMillis(),
            report.differenceCount());
        if (report.outcome() != VerificationReport.Outcome.CLEAN) {
          out.print(report.toText());
          return false;
        }
        return true;
      }
    }

    private void serve(ShopTraffic traffic, String phase) throws InterruptedException {
      long writes = traffic.writes.get();
      long reads = traffic.reads.get();
      stoppedAt = "in " + phase;
      long end = System.nanoTime() + options.seconds() * 1_000_000_000L;
      while (System.nanoTime() < end) {
        checkStop();
        Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      }
      out.printf(
          "   %-14s %,6d writes and %,6d reads served in %d s; so far %,d retried, %,d failed%n",
          phase,
          traffic.writes.get() - writes,
          traffic.reads.get() - reads,
          options.seconds(),
          traffic.retried.get(),
          traffic.failures.get());
    }

    private void say(String format, Object... args) {
      out.printf("%d. %s%n", ++step, String.format(format, args));
    }

    private int printSummary(boolean walked, ShopTraffic traffic) {
      out.println();
      out.println("summary");
      out.printf(
          "   rows copied by the backfill  %,d in %.1f s (%,.0f rows/s)%n",
          summary.rowsCopied, summary.backfillSeconds, summary.rate());
      out.printf(
          "   requests served              %,d (%,d writes, %,d reads)%n",
          traffic.served(), traffic.writes.get(), traffic.reads.get());
      out.printf(
          "   requests retried             %,d (refused by the fence or a lock, run again)%n",
          traffic.retried.get());
      out.printf("   requests failed              %,d%n", traffic.failures.get());
      for (SwitchReport s : switches) {
        out.printf(
            "   write pause at %-13s %d ms (%s -> %s)%n",
            s.to() == Phase.TARGET_PRIMARY ? "cutover" : "rollback",
            s.writePause().toMillis(),
            s.from(),
            s.to());
      }
      if (summary.shadowed) {
        out.printf(
            "   shadow reads (1 in %d)       %s%n",
            ShadowCheck.SAMPLE_ONE_IN, summary.shadow.line());
      } else {
        out.println("   shadow reads                 none: SHADOW was not part of this run");
      }
      out.printf(
          "   differences found            %,d (verifications %,d, shadow-read mismatches %,d)%n",
          summary.found(), summary.differences, summary.shadow.mismatches());
      out.printf("   dead letters                 %,d%n", summary.deadLetters);
      out.printf("   phase                        %s%n", summary.phase);
      if (traffic.failures.get() > 0) {
        out.println(
            "NOT OK: "
                + traffic.failures.get()
                + " application requests failed; the first: "
                + traffic.firstFailure.get());
        return 1;
      }
      if (summary.deadLetters > 0 || !summary.drained) {
        out.println(
            "NOT OK: the relays "
                + (summary.drained ? "" : "did not drain within 60 s and ")
                + "parked "
                + summary.deadLetters
                + " changes as dead letters: rows the other side lacks; inspect"
                + " zdm_dead_letters and replay them");
        return 1;
      }
      if (summary.shadow.mismatches() > 0) {
        out.printf(
            "NOT OK: shadow reads found %,d mismatches: the target answered reads of the shop"
                + " differently from the source, still after %d re-reads %d s apart (the relay's"
                + " lag is not counted); the WARN lines above name the statements%n",
            summary.shadow.mismatches(),
            ShadowCheck.RECHECKS,
            ShadowCheck.RECHECK_DELAY.toSeconds());
        return 1;
      }
      if (!walked) {
        out.println("NOT OK: verification found differences (see above)");
        return 1;
      }
      out.println(
          "OK: every verification clean, no request failed"
              + (summary.shadowed ? ", no shadow-read mismatch" : ""));
      return 0;
    }
  }

  enum Direction {
    FORWARD("source -> target"),
    REVERSE("target -> source");

    final String label;

    Direction(String label) {
      this.label = label;
    }
  }

  private static HikariDataSource pool(String side, String url, int size) {
    HikariConfig config = new HikariConfig();
    // H2 closes its databases in a shutdown hook of its own, which would cut off the clean stop
    // after Ctrl-C (leases left to lapse, a chunk in flight failing); the pool closes them here
    config.setJdbcUrl(
        url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT")
            ? url + ";DB_CLOSE_ON_EXIT=FALSE"
            : url);
    config.setPoolName("zdm-quickstart-" + side);
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }
}
