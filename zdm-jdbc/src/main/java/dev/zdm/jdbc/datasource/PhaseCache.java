package dev.zdm.jdbc.datasource;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.zdm.control.PhaseReader;
import dev.zdm.control.PhaseState;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The migration's phase as this process last read it, never older than the refresh interval.
 * Concurrent readers of an expired phase share one read of the control table (Caffeine loads a key
 * once). A fence refusal invalidates it, so the next reader sees the phase that refused.
 * Thread-safe.
 */
final class PhaseCache {

  private final String migration;
  private final PhaseReader reader;
  private final LoadingCache<String, PhaseState> cache;

  PhaseCache(String migration, PhaseReader reader, Duration refresh, Ticker ticker) {
    this.migration = migration;
    this.reader = reader;
    this.cache =
        Caffeine.newBuilder()
            .expireAfterWrite(refresh)
            .ticker(ticker)
            .executor(Runnable::run)
            .build(key -> read());
  }

  /** The phase, read again when the cached one is older than the refresh interval. */
  PhaseState current() throws SQLException {
    try {
      return cache.get(migration);
    } catch (RuntimeException e) {
      throw new FencedTransactionException(
          "migration '"
              + migration
              + "': cannot read the phase from zdm's control table ("
              + e.getMessage()
              + "); the transaction did not start, retry it",
          e);
    }
  }

  /** The phase read now from the control table. */
  PhaseState fresh() throws SQLException {
    invalidate();
    return current();
  }

  void invalidate() {
    cache.invalidate(migration);
  }

  private PhaseState read() {
    PhaseState state = reader.read();
    if (!migration.equals(state.migration())) {
      throw new IllegalStateException(
          "the phase reader answered for migration '" + state.migration() + "'");
    }
    return state;
  }
}
