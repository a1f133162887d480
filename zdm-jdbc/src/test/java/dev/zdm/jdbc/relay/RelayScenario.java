package dev.zdm.jdbc.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.zdm.jdbc.Replication;
import dev.zdm.relay.RelayConfig;
import dev.zdm.test.Engine;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * A source and a target database with the items table on both and zdm's schema installed, for the
 * relay's acceptance tests. Replications are built on demand so tests can run several.
 */
public final class RelayScenario {

  public static final String MIGRATION = "items-move";

  public final TestDatabase source;
  public final TestDatabase target;

  public RelayScenario(TestDatabases databases, Engine from, Engine to) throws SQLException {
    source = databases.create(from, "source");
    target = databases.create(to, "target");
    try (Connection s = source.connect();
        Connection t = target.connect()) {
      ItemsWorkload.create(s, from);
      ItemsWorkload.create(t, to);
    }
  }

  public static RelayConfig fastRelay() {
    return RelayConfig.builder()
        .partitions(8)
        .batchSize(200)
        .workers(2)
        .polling(Duration.ofMillis(1), Duration.ofMillis(20))
        .retry(3, Duration.ofMillis(10))
        .breakerOpenWait(Duration.ofMillis(500))
        .leaseTtl(Duration.ofSeconds(3))
        .statsInterval(Duration.ofMillis(100))
        .build();
  }

  public Replication replication(DataSource to, RelayConfig config) {
    Replication replication =
        Replication.builder(MIGRATION)
            .from(source.dataSource())
            .to(to)
            .table(ItemsWorkload.TABLE)
            .relay(config)
            .build();
    replication.install();
    return replication;
  }

  public Replication replication() {
    return replication(target.dataSource(), fastRelay());
  }

  /** Empties the items tables and zdm's outbox and dead letters, without capturing anything. */
  public void reset() throws SQLException {
    for (TestDatabase db : List.of(source, target)) {
      try (Connection connection = db.connect();
          Statement statement = connection.createStatement()) {
        statement.execute("TRUNCATE TABLE items");
        statement.execute("DELETE FROM zdm_changes");
        statement.execute("DELETE FROM zdm_dead_letters");
      }
    }
  }

  public long outboxRows(TestDatabase db) throws SQLException {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        var row = statement.executeQuery("SELECT COUNT(*) FROM zdm_changes")) {
      row.next();
      return row.getLong(1);
    }
  }

  public void assertTargetEqualsSource() throws SQLException {
    try (Connection s = source.connect();
        Connection t = target.connect()) {
      List<String> expected = ItemsWorkload.snapshot(s);
      assertThat(ItemsWorkload.snapshot(t)).containsExactlyElementsOf(expected);
    }
  }

  public static HikariDataSource pool(String url, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName(name);
    config.setMaximumPoolSize(6);
    config.setConnectionTimeout(1000);
    config.setValidationTimeout(500);
    return new HikariDataSource(config);
  }
}
