package dev.zdm.jdbc.canary;

import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.jdbc.outbox.JdbcOutboxStore;
import dev.zdm.relay.OutboxStore;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Measures replication lag for the read canary's lag guard: the age of the oldest change still
 * waiting in the outbox of the side that captures. Called only on the canary's own lag-reader
 * thread, never on the application's.
 */
@FunctionalInterface
public interface LagProbe {

  /**
   * Measures the lag now.
   *
   * @return the age of the oldest pending change, {@link Duration#ZERO} when nothing is pending
   * @throws RuntimeException when it cannot be measured; the guard then holds canary reads on the
   *     source until a measurement succeeds
   */
  Duration lag();

  /**
   * The lag of a migration's outbox in the database that captures while the source is authoritative
   * (the source), with zdm's default table names; reads {@code zdm_changes}.
   *
   * @param capturing the capturing database's pool (zdm's own pool, not the application's is best)
   * @param migration the migration's name
   * @return the probe
   */
  static LagProbe outbox(DataSource capturing, String migration) {
    return outbox(ZdmDatabase.of(capturing), migration);
  }

  /**
   * As {@link #outbox(DataSource, String)}, for a database described with its zdm table names.
   *
   * @param capturing the capturing database
   * @param migration the migration's name
   * @return the probe
   */
  static LagProbe outbox(ZdmDatabase capturing, String migration) {
    Objects.requireNonNull(migration, "migration");
    JdbcOutboxStore store = new JdbcOutboxStore(capturing);
    return () -> {
      OutboxStore.Backlog backlog = store.backlog(migration);
      return backlog
          .oldest()
          .map(oldest -> Duration.between(oldest, backlog.now()))
          .filter(lag -> !lag.isNegative())
          .orElse(Duration.ZERO);
    };
  }
}
