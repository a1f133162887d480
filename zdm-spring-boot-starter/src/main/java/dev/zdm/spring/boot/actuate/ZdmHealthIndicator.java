package dev.zdm.spring.boot.actuate;

import dev.zdm.Phase;
import dev.zdm.control.MigrationStatus;
import dev.zdm.jdbc.Replication;
import dev.zdm.jdbc.rollback.RollbackPolicy;
import dev.zdm.jdbc.rollback.RollbackTrigger;
import dev.zdm.spring.boot.ZdmDataSources;
import dev.zdm.spring.boot.ZdmMigration;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code zdm} health contributor: whether source and target answer, the phase, the relay lag
 * and the circuit breakers of both relays.
 *
 * <ul>
 *   <li>{@code DOWN} when the authoritative database does not answer (the application cannot serve;
 *       when the status cannot be read, the side that was authoritative at the last reading
 *       counts);
 *   <li>{@link #DEGRADED} when the other database does not answer or a relay's breaker is open: the
 *       application serves, the outbox grows;
 *   <li>{@link #LAGGING} when the relay lag is above {@code zdm.health.lag-threshold}: the
 *       application serves, the guards refuse to switch until the relay catches up;
 *   <li>{@code UP} otherwise.
 * </ul>
 *
 * An automatic rollback that fired (or only reported, in dry run) shows as the detail {@code
 * autoRollback} and does not change the status.
 *
 * <p>Both custom statuses map to HTTP 200 and rank between DOWN and UP unless the application sets
 * {@code management.endpoint.health.status.*} itself (see {@link ZdmHealthStatusDefaults}). Never
 * shows row values or credentials. Thread-safe.
 */
public final class ZdmHealthIndicator implements HealthIndicator {

  /** The relay lags behind the application's writes more than the threshold. */
  public static final Status LAGGING = new Status("LAGGING", "relay lag above the threshold");

  /** A relay cannot reach its target, or the non-authoritative database does not answer. */
  public static final Status DEGRADED =
      new Status("DEGRADED", "replication paused; the application still serves");

  private final ZdmMigration migration;
  private final ZdmDataSources dataSources;
  private final Duration lagThreshold;
  private final Duration connectTimeout;
  private final RollbackPolicy rollbackPolicy;
  private volatile Phase.Side lastAuthority = Phase.Side.SOURCE;

  /**
   * Creates the contributor.
   *
   * @param migration the migration
   * @param dataSources the two databases, checked directly (not through the routed data source)
   * @param lagThreshold the lag above which the status is {@link #LAGGING}
   * @param connectTimeout how long to wait for each database to answer
   */
  public ZdmHealthIndicator(
      ZdmMigration migration,
      ZdmDataSources dataSources,
      Duration lagThreshold,
      Duration connectTimeout) {
    this(migration, dataSources, lagThreshold, connectTimeout, null);
  }

  /**
   * Creates the contributor, reporting the automatic rollback policy's last trigger as the detail
   * {@code autoRollback} (outcome, what crossed which threshold, when, why a rollback failed). A
   * trigger never changes the status: after a rollback the application serves from the source.
   *
   * @param migration the migration
   * @param dataSources the two databases, checked directly (not through the routed data source)
   * @param lagThreshold the lag above which the status is {@link #LAGGING}
   * @param connectTimeout how long to wait for each database to answer
   * @param rollbackPolicy the policy, or null when there is none
   */
  public ZdmHealthIndicator(
      ZdmMigration migration,
      ZdmDataSources dataSources,
      Duration lagThreshold,
      Duration connectTimeout,
      RollbackPolicy rollbackPolicy) {
    this.migration = migration;
    this.dataSources = dataSources;
    this.lagThreshold = lagThreshold;
    this.connectTimeout = connectTimeout;
    this.rollbackPolicy = rollbackPolicy;
  }

  @Override
  public Health health() {
    String source = reachable(dataSources.source());
    String target = reachable(dataSources.target());
    Health.Builder health = new Health.Builder().withDetail("migration", name());
    health.withDetail("source", source).withDetail("target", target);
    autoRollback().ifPresent(detail -> health.withDetail("autoRollback", detail));
    MigrationStatus status;
    try {
      status = migration.status();
    } catch (RuntimeException e) {
      // The status reads both databases; with one of them away, the side that serves decides.
      health.withDetail("error", String.valueOf(e.getMessage()));
      String serving = lastAuthority == Phase.Side.TARGET ? target : source;
      return ("reachable".equals(serving) ? health.status(DEGRADED) : health.down()).build();
    }
    lastAuthority = status.authoritative();
    Phase phase = status.state().phase();
    health.withDetail("phase", phase.name()).withDetail("epoch", status.state().epoch());
    health.withDetail("outboxDepth", status.outboxDepth());
    health.withDetail("lagMillis", status.lag().map(Duration::toMillis).orElse(0L));
    health.withDetail("deadLetters", status.deadLetters());
    String forwardBreaker = breaker(migration.relays().forward().orElse(null));
    String reverseBreaker = breaker(migration.relays().reverse().orElse(null));
    health.withDetail("forwardBreaker", forwardBreaker);
    health.withDetail("reverseBreaker", reverseBreaker);
    boolean targetAuthoritative = status.authoritative() == Phase.Side.TARGET;
    String authoritative = targetAuthoritative ? target : source;
    String other = targetAuthoritative ? source : target;
    if (!"reachable".equals(authoritative)) {
      return health.down().build();
    }
    if (!"reachable".equals(other)
        || "OPEN".equals(forwardBreaker)
        || "OPEN".equals(reverseBreaker)) {
      return health.status(DEGRADED).build();
    }
    if (status.lag().filter(lag -> lag.compareTo(lagThreshold) > 0).isPresent()) {
      return health.status(LAGGING).build();
    }
    return health.up().build();
  }

  private Optional<Map<String, Object>> autoRollback() {
    RollbackTrigger trigger = rollbackPolicy == null ? null : rollbackPolicy.lastTrigger();
    if (trigger == null) {
      return Optional.empty();
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("lastOutcome", trigger.outcome().name());
    detail.put("lastTrigger", trigger.describe());
    detail.put("lastTriggerAt", trigger.at().toString());
    if (trigger.failure() != null) {
      detail.put("lastFailure", trigger.failure());
    }
    return Optional.of(detail);
  }

  private String name() {
    return migration.control().migration();
  }

  private String reachable(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      int seconds = (int) Math.max(1, connectTimeout.toSeconds());
      return connection.isValid(seconds) ? "reachable" : "not answering";
    } catch (SQLException e) {
      return "unreachable (SQLSTATE " + e.getSQLState() + ")";
    }
  }

  private static String breaker(Replication replication) {
    return replication == null ? "NOT_RUNNING" : replication.relay().breakerState();
  }
}
