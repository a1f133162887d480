package dev.zdm.jdbc.relay;

import com.zaxxer.hikari.HikariDataSource;
import dev.zdm.jdbc.Replication;
import java.util.concurrent.CountDownLatch;

/**
 * A relay in a process of its own, for tests that kill it with SIGKILL. Arguments: source JDBC URL,
 * target JDBC URL (credentials in the URLs), owner name. Prints "relay running" once started and
 * runs until killed.
 */
public final class RelayProcess {

  private RelayProcess() {}

  public static void main(String[] args) throws InterruptedException {
    HikariDataSource source = RelayScenario.pool(args[0], "relay-source");
    HikariDataSource target = RelayScenario.pool(args[1], "relay-target");
    Replication replication =
        Replication.builder(RelayScenario.MIGRATION)
            .from(source)
            .to(target)
            .table(ItemsWorkload.TABLE)
            .relay(RelayScenario.fastRelay())
            .owner(args[2])
            .build();
    replication.start();
    System.out.println("relay running");
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
