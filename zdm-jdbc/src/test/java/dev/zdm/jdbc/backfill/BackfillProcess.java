package dev.zdm.jdbc.backfill;

import com.zaxxer.hikari.HikariDataSource;
import dev.zdm.backfill.BackfillConfig;
import dev.zdm.jdbc.Backfill;
import dev.zdm.jdbc.relay.ItemsWorkload;
import dev.zdm.jdbc.relay.RelayScenario;
import java.time.Duration;

/**
 * A backfill in a process of its own, for tests that kill it with SIGKILL or run two at once.
 * Arguments: source JDBC URL, target JDBC URL, owner, rows per second (0 for no limit). Prints
 * "backfill running" once started and "backfill done" when finished, then exits.
 */
public final class BackfillProcess {

  private BackfillProcess() {}

  public static void main(String[] args) {
    HikariDataSource source = RelayScenario.pool(args[0], "backfill-source");
    HikariDataSource target = RelayScenario.pool(args[1], "backfill-target");
    try (Backfill backfill =
        Backfill.builder(RelayScenario.MIGRATION)
            .from(source)
            .to(target)
            .table(ItemsWorkload.TABLE)
            .config(processConfig(Double.parseDouble(args[3])))
            .owner(args[2])
            .build()) {
      backfill.start();
      System.out.println("backfill running");
      System.out.flush();
      backfill.run();
      System.out.println("backfill done");
      System.out.flush();
    }
    source.close();
    target.close();
  }

  static BackfillConfig processConfig(double rowsPerSecond) {
    return BackfillConfig.builder()
        .maxConcurrency(2)
        .rangesPerTable(8)
        .chunkSize(200, 50, 500)
        .rowsPerSecond(rowsPerSecond)
        .leaseTtl(Duration.ofSeconds(2))
        .build();
  }
}
