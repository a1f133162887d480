package dev.zdm.spring.boot;

import dev.zdm.ZdmException;
import dev.zdm.jdbc.Replication;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.jdbc.control.MigrationControl;
import dev.zdm.jdbc.outbox.JdbcDeadLetterStore;
import dev.zdm.jdbc.schema.ZdmTables;
import dev.zdm.relay.DeadLetters;
import dev.zdm.relay.RelayConfig;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The two relays of the migration as a managed lifecycle: the forward relay (source to target) and
 * the reverse relay (target to source) start with the application and stop, after the batches in
 * flight, when it shuts down. Each relay only finds work while its side captures, so both run in
 * every phase; their partitions are leased, so every instance may run them.
 *
 * <p>Starts before the web server and stops after it (lifecycle phase {@link #PHASE}), so the
 * application's last writes are still relayed while the relays stop. Thread-safe.
 */
public final class ZdmRelays implements SmartLifecycle {

  /** The lifecycle phase: before the web server, which starts late and stops early. */
  public static final int PHASE = 0;

  private static final Logger log = LoggerFactory.getLogger(ZdmRelays.class);

  private final MigrationControl control;
  private final RelayConfig config;
  private final boolean enabled;
  private final ZdmDataSources dataSources;
  private final ZdmTables tables;
  private Replication forward;
  private Replication reverse;

  /**
   * Creates the relays of a migration; nothing runs before {@link #start()}.
   *
   * @param control the migration's control, which builds both replications
   * @param config the relays' settings
   * @param enabled whether this instance runs the relays at all
   * @param dataSources the two databases, whose zdm tables hold the dead letters
   * @param tables the names of zdm's tables
   */
  public ZdmRelays(
      MigrationControl control,
      RelayConfig config,
      boolean enabled,
      ZdmDataSources dataSources,
      ZdmTables tables) {
    this.control = control;
    this.config = config;
    this.enabled = enabled;
    this.dataSources = dataSources;
    this.tables = tables;
  }

  @Override
  public synchronized void start() {
    if (!enabled || forward != null) {
      return;
    }
    forward = control.forwardReplication(config);
    try {
      reverse = control.reverseReplication(config);
    } catch (ZdmException e) {
      log.warn(
          "{}: no reverse relay, so a rollback after the cutover would not carry the target's"
              + " writes back: {}",
          control.migration(),
          e.getMessage());
    }
    forward.start();
    if (reverse != null) {
      reverse.start();
    }
    log.info("{}: relays started ({} partitions)", control.migration(), config.partitions());
  }

  @Override
  public synchronized void stop() {
    if (forward == null) {
      return;
    }
    try {
      forward.close();
    } finally {
      if (reverse != null) {
        reverse.close();
      }
      forward = null;
      reverse = null;
      log.info("{}: relays stopped", control.migration());
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return forward != null;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /**
   * Returns the forward replication while the relays run.
   *
   * @return the replication from source to target, empty when stopped or disabled
   */
  public synchronized Optional<Replication> forward() {
    return Optional.ofNullable(forward);
  }

  /**
   * Returns the reverse replication while the relays run.
   *
   * @return the replication from target to source, empty when stopped or disabled, or when a table
   *     mapping drops or computes columns (which cannot be carried back)
   */
  public synchronized Optional<Replication> reverse() {
    return Optional.ofNullable(reverse);
  }

  /** Which relay: forward (source to target) or reverse (target to source). */
  public enum Direction {
    /** Source to target; its dead letters are kept in the source. */
    FORWARD,
    /** Target to source; its dead letters are kept in the target. */
    REVERSE
  }

  /**
   * Returns the dead letters of one direction.
   *
   * @param direction which relay
   * @return the operator's view of its parked changes, also in an instance that does not relay
   */
  public synchronized DeadLetters deadLetters(Direction direction) {
    Replication replication = direction == Direction.FORWARD ? forward : reverse;
    if (replication != null) {
      return replication.deadLetters();
    }
    // Dead letters live in the capturing database's tables: reachable without a running relay.
    DataSource capturing =
        direction == Direction.FORWARD ? dataSources.source() : dataSources.target();
    return new DeadLetters(
        control.migration(), new JdbcDeadLetterStore(ZdmDatabase.of(capturing, tables)));
  }
}
