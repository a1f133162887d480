package dev.zdm.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StaleDatabaseSweepTest {
  @ParameterizedTest
  @EnumSource(names = {"POSTGRES", "MARIADB"})
  void dropsOnlyHarnessDatabasesOlderThanTwoHours(Engine engine) throws SQLException {
    ServerResolution resolution = ServerLocator.system().locate(engine);
    assumeTrue(resolution.isAvailable(), resolution::message);
    DatabaseServer server = resolution.server();
    Instant now = Instant.now();
    Random random = new Random();
    String stale = DatabaseName.generate("sweep", now.minus(Duration.ofHours(3)), random);
    String recent = DatabaseName.generate("sweep", now.minus(Duration.ofMinutes(110)), random);
    String foreign = "zdm_t_not_generated_" + Long.toString(random.nextInt(1 << 30), 36);
    for (String name : List.of(stale, recent, foreign)) {
      server.createDatabase(name);
    }
    try {
      List<String> dropped = StaleDatabaseSweep.sweep(server, now);

      // Another test run on the same server may sweep first and drop the stale database itself,
      // so the proof is that it is gone and the others stay, not which sweep dropped it.
      assertThat(dropped).doesNotContain(recent, foreign);
      assertThat(server.harnessDatabases()).doesNotContain(stale).contains(recent, foreign);
    } finally {
      for (String name : List.of(stale, recent, foreign)) {
        server.dropDatabase(name);
      }
    }
  }
}
