package dev.zdm.examples.quickstart;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.zdm.ZdmException;
import dev.zdm.change.Change;
import dev.zdm.jdbc.Dialects;
import dev.zdm.jdbc.Replication;
import dev.zdm.relay.RelayListener;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The program a newcomer runs first: a shop application writes to its source database while zdm
 * captures every committed change and its relay carries it to the target; at the end both databases
 * are compared row by row. Two embedded H2 databases unless told otherwise.
 *
 * <p>Exit status: 0 when the target equals the source and no application transaction failed, 1
 * otherwise or when zdm reports an error, 2 on a bad command line.
 */
public final class Quickstart {

  private static final String MIGRATION = "quickstart";

  private final PrintStream out;

  Quickstart(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the quickstart.
   *
   * @param args the command line, see {@code --help}
   */
  public static void main(String[] args) {
    int status;
    try {
      status = new Quickstart(System.out).run(QuickstartOptions.parse(args));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  int run(QuickstartOptions options) {
    if (options.help()) {
      out.print(QuickstartOptions.USAGE);
      return 0;
    }
    try (HikariDataSource source = pool("source", options.sourceUrl(), options.writers() + 4);
        HikariDataSource target = pool("target", options.targetUrl(), 6)) {
      return migrate(options, source, target);
    } catch (ZdmException | SQLException e) {
      out.println("FAILED: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.println("FAILED: interrupted");
      return 1;
    }
  }

  private int migrate(QuickstartOptions options, HikariDataSource source, HikariDataSource target)
      throws SQLException, InterruptedException {
    out.printf(
        "zdm quickstart: %s -> %s%n",
        Dialects.detect(source).name(), Dialects.detect(target).name());
    for (HikariDataSource db : List.of(source, target)) {
      try (Connection connection = db.getConnection()) {
        ShopSchema.create(connection);
      }
    }
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    RelayListener listener =
        new RelayListener() {
          @Override
          public void batchApplied(
              String migration, List<Change> changes, int rows, Instant appliedAt) {
            for (Change change : changes) {
              latencies.add(Duration.between(change.capturedAt(), appliedAt).toMillis());
            }
          }
        };
    Replication.Builder builder =
        Replication.builder(MIGRATION).from(source).to(target).listener(listener);
    for (String table : ShopSchema.TABLES) {
      builder.table(table);
    }
    try (Replication replication = builder.build()) {
      replication.install();
      out.printf(
          "1. installed zdm's tables on both sides and capture on %s%n",
          List.of(ShopSchema.TABLES));
      replication.start();
      out.printf(
          "2. relay running; the shop writes %,d transactions/s with %d writers for %d s%n",
          options.rate(), options.writers(), options.seconds());

      ShopTraffic traffic = new ShopTraffic(source);
      Instant until = Instant.now().plusSeconds(options.seconds());
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < options.writers(); w++) {
        long seed = w;
        int share = Math.max(1, options.rate() / options.writers());
        Thread writer = new Thread(() -> traffic.run(seed, until, share), "shop-writer-" + w);
        writers.add(writer);
        writer.start();
      }
      while (Instant.now().isBefore(until)) {
        Thread.sleep(1000);
        out.printf(
            "   %,8d transactions   outbox %,6d   lag %,d ms%n",
            traffic.transactions.get(),
            replication.relay().depth(),
            replication.relay().lag().toMillis());
      }
      for (Thread writer : writers) {
        writer.join();
      }
      boolean drained = replication.relay().awaitDrained(Duration.ofSeconds(60));
      out.printf("3. writes stopped; outbox drained: %s%n", drained);
      return summary(source, target, traffic, latencies, drained, replication);
    }
  }

  private int summary(
      HikariDataSource source,
      HikariDataSource target,
      ShopTraffic traffic,
      List<Long> latencies,
      boolean drained,
      Replication replication)
      throws SQLException {
    out.println("4. comparing both databases row by row");
    boolean equal = true;
    for (String table : ShopSchema.TABLES) {
      TableMatch.Result match = TableMatch.compare(source, target, table);
      equal &= match.equal();
      out.printf(
          "   %-10s source %,8d rows   target %,8d rows   %s%n",
          table,
          match.sourceRows(),
          match.targetRows(),
          match.equal() ? "equal" : match.differences() + " differences");
    }
    List<Long> sorted;
    synchronized (latencies) {
      sorted = new ArrayList<>(latencies);
    }
    Collections.sort(sorted);
    int parked = replication.deadLetters().list(1000).size();
    out.println();
    out.println("summary");
    out.printf(
        "   application transactions  %,d committed, %,d failed%n",
        traffic.transactions.get(), traffic.failures.get());
    out.printf("   changes replicated        %,d%n", sorted.size());
    if (!sorted.isEmpty()) {
      out.printf(
          "   capture -> target commit  p50 %d ms, p99 %d ms, max %d ms%n",
          sorted.get(sorted.size() / 2),
          sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)),
          sorted.get(sorted.size() - 1));
    }
    out.printf("   dead letters              %d%n", parked);
    boolean ok = equal && drained && parked == 0 && traffic.failures.get() == 0;
    out.println(ok ? "OK: the target equals the source" : "NOT OK: see above");
    return ok ? 0 : 1;
  }

  private static HikariDataSource pool(String side, String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("zdm-quickstart-" + side);
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }
}
