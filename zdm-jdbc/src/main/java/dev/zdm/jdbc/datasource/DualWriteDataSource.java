package dev.zdm.jdbc.datasource;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.zdm.MigrationName;
import dev.zdm.ZdmException;
import dev.zdm.control.PhaseReader;
import dev.zdm.control.PhaseState;
import dev.zdm.jdbc.canary.ReadCanary;
import dev.zdm.jdbc.canary.RouteScope;
import dev.zdm.jdbc.shadow.ShadowReader;
import dev.zdm.jdbc.shadow.ShadowReads;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The {@link DataSource} the application uses during a migration. It hands out connections that
 * hold no database connection until their first statement; then each transaction is bound to the
 * side the migration's phase makes authoritative (the source in {@code OFF}, {@code DUAL_WRITE} and
 * {@code SHADOW}, the target in {@code TARGET_PRIMARY} and {@code TARGET_ONLY}) and borrows a
 * connection from that side's pool. During {@code CUTOVER} a new transaction waits, for at most
 * {@link Builder#cutoverWait(Duration)}, for the switch to end.
 *
 * <p>The phase is read through the {@link PhaseReader} and cached for at most {@link
 * Builder#phaseRefresh(Duration)}; a refusal by the fence (SQLSTATE {@value
 * dev.zdm.control.Fence#SQLSTATE}) reads it again at once. A transaction whose first statement the
 * fence refuses is moved to the other side and the statement run again, without the application
 * seeing an error. A transaction that already ran statements gets a {@link
 * java.sql.SQLTransientException}: roll it back and run it again. See {@code docs/datasource.md}.
 *
 * <pre>{@code
 * DataSource dataSource = DualWriteDataSource.builder("orders-to-pg")
 *     .source(sourcePool)
 *     .target(targetPool)
 *     .phaseReader(phaseStore)
 *     .meterRegistry(meterRegistry)
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe. The connections it hands out are, like driver connections, for one thread at a
 * time. It does not own the two pools: close them yourself after the application stopped.
 */
public final class DualWriteDataSource implements DataSource {

  /** How long a phase reading is trusted unless told otherwise. */
  public static final Duration DEFAULT_PHASE_REFRESH = Duration.ofMillis(500);

  /** How long a new transaction waits for a cutover to end unless told otherwise. */
  public static final Duration DEFAULT_CUTOVER_WAIT = Duration.ofSeconds(5);

  /** How often a waiting transaction reads the phase during a cutover unless told otherwise. */
  public static final Duration DEFAULT_CUTOVER_POLL = Duration.ofMillis(10);

  private final Router router;
  private final DataSource source;
  private PrintWriter logWriter;
  private int loginTimeout;

  private DualWriteDataSource(Router router, DataSource source) {
    this.router = router;
    this.source = source;
  }

  /**
   * Starts a builder.
   *
   * @param migration the migration's name, as recorded in zdm's control table
   * @return a new builder
   * @throws ZdmException if the name is not a valid migration name
   */
  public static Builder builder(String migration) {
    return new Builder(MigrationName.require(migration));
  }

  /**
   * Returns a new connection. No database connection is borrowed until its first statement.
   *
   * @return a routed connection
   */
  @Override
  public Connection getConnection() {
    return new RoutedConnection(router);
  }

  /**
   * Not supported: the credentials belong to the two pools.
   *
   * @throws SQLFeatureNotSupportedException always
   */
  @Override
  public Connection getConnection(String username, String password)
      throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException(
        "migration '"
            + router.migration
            + "': a DualWriteDataSource takes no credentials; configure them on the source and"
            + " target pools");
  }

  /**
   * Returns the migration's name.
   *
   * @return the name
   */
  public String migration() {
    return router.migration;
  }

  /**
   * Returns the phase as this data source currently routes by (cached, read when expired).
   *
   * @return the phase
   * @throws SQLException if the phase cannot be read
   */
  public PhaseState phase() throws SQLException {
    return router.phases.current();
  }

  /**
   * Sets the routing key of the read canary for this thread until the scope closes, when the key
   * that was in effect before is restored (scopes nest). The key decides at each transaction's
   * first statement whether a read-only transaction may be served by the target; see {@link
   * RouteScope} and {@code docs/canary-and-rollback.md}. Without a canary the key changes nothing.
   *
   * <pre>{@code
   * try (RouteScope scope = dataSource.route(userId)) {
   *   ... transactions of this user ...
   * }
   * }</pre>
   *
   * @param key the routing key, typically a user or tenant id; its {@code toString()} is hashed
   * @return the scope, to close on the same thread
   * @throws NullPointerException if {@code key} is null
   */
  public RouteScope route(Object key) {
    return RouteScope.open(key);
  }

  /**
   * Returns the shadow reads of this data source, when {@link Builder#shadowReads(ShadowReads)} set
   * them: their counts, and the {@link dev.zdm.control.InstrumentSource} to attach to the
   * migration's control.
   *
   * @return the running shadow reader, or empty
   */
  public Optional<ShadowReader> shadowReader() {
    return Optional.ofNullable(router.shadow);
  }

  /** Forgets the cached phase, so the next transaction reads it from the control table. */
  public void refreshPhase() {
    router.phases.invalidate();
  }

  @Override
  public synchronized PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public synchronized void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public synchronized void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public synchronized int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return source.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException(
        "a DualWriteDataSource wraps two data sources; it is not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "DualWriteDataSource[" + router.migration + "]";
  }

  /**
   * Builds a {@link DualWriteDataSource}; every setting is checked when set, and the required ones
   * when {@link #build()} runs. Not thread-safe.
   */
  public static final class Builder {

    private final String migration;
    private DataSource source;
    private DataSource target;
    private PhaseReader phaseReader;
    private Duration phaseRefresh = DEFAULT_PHASE_REFRESH;
    private Duration cutoverWait = DEFAULT_CUTOVER_WAIT;
    private Duration cutoverPoll = DEFAULT_CUTOVER_POLL;
    private MeterRegistry meterRegistry;
    private DualWriteListener listener = DualWriteListener.NONE;
    private final List<StatementObserver> observers = new ArrayList<>();
    private Routing routing = Routing.AUTHORITATIVE;
    private Ticker ticker = Ticker.systemTicker();
    private ShadowReads shadowReads;

    private Builder(String migration) {
      this.migration = migration;
    }

    /**
     * Sets the pool of the database the service starts on (required).
     *
     * @param source a pool, typically HikariCP
     * @return this builder
     */
    public Builder source(DataSource source) {
      this.source = required(source, "source");
      return this;
    }

    /**
     * Sets the pool of the database the service moves to (required).
     *
     * @param target a pool, typically HikariCP
     * @return this builder
     */
    public Builder target(DataSource target) {
      this.target = required(target, "target");
      return this;
    }

    /**
     * Sets where the phase is read (required): zdm's phase store, or your own reader in tests.
     *
     * @param phaseReader the reader
     * @return this builder
     */
    public Builder phaseReader(PhaseReader phaseReader) {
      this.phaseReader = required(phaseReader, "phaseReader");
      return this;
    }

    /**
     * Sets how long a phase reading is trusted (default {@link #DEFAULT_PHASE_REFRESH}): the
     * longest a process routes by a phase that has changed, unless the fence tells it sooner.
     *
     * @param phaseRefresh between 1 ms and 1 minute
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder phaseRefresh(Duration phaseRefresh) {
      this.phaseRefresh =
          within("phaseRefresh", phaseRefresh, Duration.ofMillis(1), Duration.ofMinutes(1));
      return this;
    }

    /**
     * Sets how long a new transaction waits for a cutover to end before it fails with a retryable
     * error (default {@link #DEFAULT_CUTOVER_WAIT}).
     *
     * @param cutoverWait between 0 and 10 minutes
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder cutoverWait(Duration cutoverWait) {
      this.cutoverWait = within("cutoverWait", cutoverWait, Duration.ZERO, Duration.ofMinutes(10));
      return this;
    }

    /**
     * Sets how often a transaction waiting for a cutover reads the phase (default {@link
     * #DEFAULT_CUTOVER_POLL}).
     *
     * @param cutoverPoll between 1 ms and 1 second
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder cutoverPoll(Duration cutoverPoll) {
      this.cutoverPoll =
          within("cutoverPoll", cutoverPoll, Duration.ofMillis(1), Duration.ofSeconds(1));
      return this;
    }

    /**
     * Sets the registry the {@code zdm.datasource.*} meters go to (default: a private registry).
     *
     * @param meterRegistry the registry
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = required(meterRegistry, "meterRegistry");
      return this;
    }

    /**
     * Sets the listener told about re-routes, refusals and cutover waits.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(DualWriteListener listener) {
      this.listener = required(listener, "listener");
      return this;
    }

    /**
     * Adds an observer that sees every statement after it ran. Observers added by several calls all
     * see every statement, in the order they were added (combined with {@link
     * StatementObserver#all(List)}): one that throws does not keep the others from seeing it.
     *
     * @param observer the observer, such as an automatic rollback policy
     * @return this builder
     */
    public Builder statementObserver(StatementObserver observer) {
      observers.add(required(observer, "statementObserver"));
      return this;
    }

    /**
     * Sets the time source of the phase cache and the cutover wait (default: the system's).
     *
     * @param ticker nanosecond ticker
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = required(ticker, "ticker");
      return this;
    }

    /**
     * Lets a read canary serve a share of read-only transactions from the target while the source
     * is authoritative (default: none, every transaction goes to the authoritative side). Writes
     * never follow the canary. See {@link ReadCanary}.
     *
     * @param canary the canary, built for the same migration
     * @return this builder
     * @throws ZdmException if the canary belongs to another migration
     */
    public Builder readCanary(ReadCanary canary) {
      required(canary, "readCanary");
      if (!canary.migration().equals(migration)) {
        throw new ZdmException(
            "dualWriteDataSource.readCanary belongs to migration '"
                + canary.migration()
                + "', not '"
                + migration
                + "'; build the canary with the same migration name");
      }
      this.routing = canary::route;
      return this;
    }

    /**
     * Turns on shadow reads: in phase {@code SHADOW}, a sample of plainly read-only statements also
     * runs on the target after the application read the source's result, and the results are
     * compared (see {@code docs/shadow-reads.md}). Off by default.
     *
     * @param shadowReads the settings
     * @return this builder
     */
    public Builder shadowReads(ShadowReads shadowReads) {
      this.shadowReads = required(shadowReads, "shadowReads");
      return this;
    }

    Builder routing(Routing routing) {
      this.routing = required(routing, "routing");
      return this;
    }

    /**
     * Builds the data source. Nothing is read or borrowed yet.
     *
     * @return the data source
     * @throws ZdmException naming the missing setting, or when source and target are the same
     */
    public DualWriteDataSource build() {
      if (source == null || target == null || phaseReader == null) {
        String missing = source == null ? "source" : target == null ? "target" : "phaseReader";
        throw new ZdmException(
            "dualWriteDataSource." + missing + " must be set for migration '" + migration + "'");
      }
      if (source == target) {
        throw new ZdmException(
            "dualWriteDataSource.source and .target must be different data sources for migration '"
                + migration
                + "', were the same "
                + source);
      }
      MeterRegistry registry = meterRegistry != null ? meterRegistry : new SimpleMeterRegistry();
      Router router =
          new Router(
              migration,
              source,
              target,
              new PhaseCache(migration, phaseReader, phaseRefresh, ticker),
              routing,
              new DataSourceMetrics(registry, migration),
              listener,
              StatementObserver.all(observers),
              cutoverWait,
              cutoverPoll,
              ticker);
      if (shadowReads != null) {
        router.shadow = shadowReads.start(migration, source, target, registry);
      }
      return new DualWriteDataSource(router, source);
    }

    private <T> T required(T value, String property) {
      if (value == null) {
        throw new ZdmException(
            "dualWriteDataSource."
                + property
                + " must not be null, for migration '"
                + migration
                + "'");
      }
      return value;
    }

    private Duration within(String property, Duration value, Duration min, Duration max) {
      required(value, property);
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new ZdmException(
            "dualWriteDataSource."
                + property
                + " must be between "
                + min
                + " and "
                + max
                + ", was "
                + value);
      }
      return value;
    }
  }
}
