package dev.zdm.test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops harness databases left behind by killed runs: those whose embedded creation time is older
 * than {@link #MAX_AGE}. Best effort: failures are logged, never thrown. Thread-safe.
 */
final class StaleDatabaseSweep {
  /** Harness databases older than this are assumed abandoned. */
  static final Duration MAX_AGE = Duration.ofHours(2);

  private static final Logger LOG = LoggerFactory.getLogger(StaleDatabaseSweep.class);
  private static final Set<String> SWEPT_SERVERS = ConcurrentHashMap.newKeySet();

  private StaleDatabaseSweep() {}

  /** Sweeps {@code server} unless this JVM already did. */
  static void sweepOnce(DatabaseServer server, Instant now) {
    if (server.engine() != Engine.H2 && SWEPT_SERVERS.add(server.key())) {
      sweep(server, now);
    }
  }

  /**
   * Sweeps {@code server} now.
   *
   * @return the names of the databases dropped
   */
  static List<String> sweep(DatabaseServer server, Instant now) {
    List<String> dropped = new ArrayList<>();
    Instant cutoff = now.minus(MAX_AGE);
    try {
      for (String name : server.harnessDatabases()) {
        boolean stale = DatabaseName.createdAt(name).map(cutoff::isAfter).orElse(false);
        if (stale) {
          server.dropDatabase(name);
          dropped.add(name);
        }
      }
    } catch (SQLException e) {
      LOG.warn("zdm-test: could not sweep stale databases on {}", server.describe(), e);
    }
    if (!dropped.isEmpty()) {
      LOG.info(
          "zdm-test: dropped {} stale database(s) on {}: {}",
          dropped.size(),
          server.describe(),
          dropped);
    }
    return dropped;
  }
}
