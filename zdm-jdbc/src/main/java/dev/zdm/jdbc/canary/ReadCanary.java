package dev.zdm.jdbc.canary;

import dev.zdm.MigrationName;
import dev.zdm.Phase;
import dev.zdm.ZdmException;
import dev.zdm.control.InstrumentReport;
import dev.zdm.control.InstrumentSource;
import dev.zdm.control.PhaseState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read canary: while the source is authoritative ({@code SHADOW}, and {@code DUAL_WRITE} when
 * enabled), serves a share of read-only transactions from the target, chosen by the routing key of
 * the thread that runs them ({@link RouteScope}). Plug it into the data source with {@link
 * dev.zdm.jdbc.datasource.DualWriteDataSource.Builder#readCanary(ReadCanary)}; attach it to the
 * control ({@code control.attach(canary)}) to see its figures in the status.
 *
 * <p>A transaction counts as a read when its connection is marked read-only ({@code
 * setReadOnly(true)}) and its first statement is a plain read; in autocommit mode every statement
 * is such a transaction. Anything else goes to the authoritative side, and a canary-routed
 * transaction that tries anything but a plain read is refused: writes never reach the side that is
 * not authoritative.
 *
 * <p>The choice is stable: a key is hashed into one of 10,000 buckets, and it goes to the target
 * when its bucket is below the percentage (in hundredths of a percent), so the same key always
 * lands on the same side for a given percentage, and raising the percentage only moves keys from
 * the source to the target. A key on the deny-list always stays on the source, one on the
 * allow-list always goes to the target; a transaction without a key stays on the source.
 *
 * <p>Lag guard: one daemon thread measures the replication lag through the {@link LagProbe} every
 * {@link Builder#lagRefresh(Duration) lagRefresh}; while the lag is above {@link
 * Builder#maxLag(Duration) maxLag}, not measured yet, not measurable, or its last measurement is
 * older than five refresh intervals, every read stays on the source. The application's thread never
 * touches a database for this.
 *
 * <p>Meters: {@code zdm.reads} (migration, side, route = canary or authoritative) counts read-only
 * transactions; {@code zdm.canary.lag.held} counts reads the lag guard kept on the source; {@code
 * zdm.canary.lag.guard} is 1 while the guard holds.
 *
 * <p>Thread-safe. {@link #close()} stops the lag reader.
 */
public final class ReadCanary implements InstrumentSource, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReadCanary.class);
  static final int BUCKETS = 10_000;

  private final String migration;
  private final double percentage;
  private final int targetBuckets;
  private final Set<String> allow;
  private final Set<String> deny;
  private final boolean inDualWrite;
  private final Duration maxLag;
  private final Duration lagRefresh;
  private final LagProbe probe;
  private final ScheduledExecutorService lagReader;
  private final Counter sourceReads;
  private final Counter targetReads;
  private final Counter canaryReads;
  private final Counter heldReads;
  private final AtomicLong keyedToTarget = new AtomicLong();
  private final AtomicLong keyedToSource = new AtomicLong();
  private volatile Duration lastLag;
  private volatile long lastLagReadNanos;
  private volatile String lastLagError;
  private volatile boolean guardHolding = true;

  private ReadCanary(Builder b) {
    this.migration = b.migration;
    this.percentage = b.percentage;
    this.targetBuckets = (int) Math.round(b.percentage * 100);
    this.allow = Set.copyOf(b.allow);
    this.deny = Set.copyOf(b.deny);
    this.inDualWrite = b.inDualWrite;
    this.maxLag = b.maxLag;
    this.lagRefresh = b.lagRefresh;
    this.probe = b.probe;
    MeterRegistry registry = b.registry != null ? b.registry : new SimpleMeterRegistry();
    this.sourceReads = reads(registry, "source", "authoritative");
    this.targetReads = reads(registry, "target", "authoritative");
    this.canaryReads = reads(registry, "target", "canary");
    this.heldReads =
        Counter.builder("zdm.canary.lag.held")
            .description("read-only transactions the lag guard kept on the source")
            .tag("migration", migration)
            .register(registry);
    Gauge.builder("zdm.canary.lag.guard", this, c -> c.guardHolding ? 1 : 0)
        .description("1 while the read canary's lag guard holds reads on the source")
        .tag("migration", migration)
        .register(registry);
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "zdm-" + migration + "-canary-lag");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.lagReader = executor;
    lagReader.scheduleWithFixedDelay(this::readLag, 0, lagRefresh.toNanos(), TimeUnit.NANOSECONDS);
  }

  private Counter reads(MeterRegistry registry, String side, String route) {
    return Counter.builder("zdm.reads")
        .description("read-only transactions by the side that served them and why")
        .tags("migration", migration, "side", side, "route", route)
        .register(registry);
  }

  /**
   * Starts a builder.
   *
   * @param migration the migration's name
   * @return a builder
   * @throws ZdmException if the name is not valid
   */
  public static Builder builder(String migration) {
    return new Builder(MigrationName.require(migration));
  }

  /** Returns the migration's name. */
  public String migration() {
    return migration;
  }

  /**
   * Picks the side of a transaction about to start; called by the data source at a transaction's
   * first statement, on the application's thread. Reads only memory.
   *
   * @param state the phase the data source routes by
   * @param read whether the transaction is a read (connection marked read-only, first statement a
   *     plain read)
   * @return the authoritative side, or the target for a canary read
   */
  public Phase.Side route(PhaseState state, boolean read) {
    Phase.Side authoritative = state.authoritative();
    if (!read) {
      return authoritative;
    }
    if (authoritative != Phase.Side.SOURCE || !eligible(state.phase())) {
      (authoritative == Phase.Side.TARGET ? targetReads : sourceReads).increment();
      return authoritative;
    }
    String key = RouteScope.currentKey().orElse(null);
    if (key == null || !selects(key)) {
      if (key != null) {
        keyedToSource.incrementAndGet();
      }
      sourceReads.increment();
      return Phase.Side.SOURCE;
    }
    if (guardHolds()) {
      heldReads.increment();
      keyedToSource.incrementAndGet();
      sourceReads.increment();
      return Phase.Side.SOURCE;
    }
    keyedToTarget.incrementAndGet();
    canaryReads.increment();
    return Phase.Side.TARGET;
  }

  /**
   * Whether the key is in the canary's share (allow- and deny-lists included), whatever the phase
   * and lag.
   *
   * @param key a routing key
   * @return true when its reads go to the target while the canary is active
   */
  public boolean selects(String key) {
    if (deny.contains(key)) {
      return false;
    }
    return allow.contains(key) || bucket(key) < targetBuckets;
  }

  /** Whether the lag guard holds canary reads on the source now. */
  public boolean guardHolds() {
    return guardHolding || System.nanoTime() - lastLagReadNanos > 5 * lagRefresh.toNanos();
  }

  private boolean eligible(Phase phase) {
    return phase == Phase.SHADOW || (inDualWrite && phase == Phase.DUAL_WRITE);
  }

  /** A stable bucket in [0, 10,000): FNV-1a over the key's characters, then MurmurHash3's mix. */
  static int bucket(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) Long.remainderUnsigned(h, BUCKETS);
  }

  private void readLag() {
    boolean wasHolding = guardHolding;
    try {
      Duration lag = probe.lag();
      lastLag = lag;
      lastLagError = null;
      lastLagReadNanos = System.nanoTime();
      guardHolding = lag.compareTo(maxLag) > 0;
      if (guardHolding != wasHolding) {
        if (guardHolding) {
          log.info(
              "{}: read canary holds reads on the source: replication lag {} ms is above the"
                  + " bound {} ms",
              migration,
              lag.toMillis(),
              maxLag.toMillis());
        } else {
          log.info(
              "{}: read canary serves its share from the target: replication lag {} ms is within"
                  + " the bound {} ms",
              migration,
              lag.toMillis(),
              maxLag.toMillis());
        }
      }
    } catch (RuntimeException e) {
      guardHolding = true;
      if (lastLagError == null) {
        log.warn(
            "{}: read canary cannot measure replication lag; reads stay on the source: {}",
            migration,
            e.getMessage());
      }
      lastLagError = String.valueOf(e.getMessage());
    }
  }

  /**
   * Returns the canary's figures: share, lists' sizes, reads per side, lag guard state. Reads only
   * memory.
   */
  @Override
  public InstrumentReport report() {
    boolean holding = guardHolds();
    Duration lag = lastLag;
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("percentage", percentage);
    figures.put("phases", inDualWrite ? "DUAL_WRITE, SHADOW" : "SHADOW");
    figures.put("allowListed", allow.size());
    figures.put("denyListed", deny.size());
    figures.put("keyedReadsToTarget", keyedToTarget.get());
    figures.put("keyedReadsToSource", keyedToSource.get());
    figures.put("readsSource", (long) sourceReads.count());
    figures.put("readsTargetCanary", (long) canaryReads.count());
    figures.put("readsTargetAuthoritative", (long) targetReads.count());
    figures.put("lagGuard", holding ? "holding" : "open");
    figures.put("lag", lag);
    figures.put("maxLag", maxLag);
    figures.put("readsHeldByLag", (long) heldReads.count());
    if (lastLagError != null) {
      figures.put("lagError", lastLagError);
    }
    String summary =
        String.format(
            Locale.ROOT,
            "%.2f%% of routing keys read from the target; lag guard %s (lag %s, bound %d ms)",
            percentage,
            holding ? "holding reads on the source" : "open",
            lag == null ? "not measured" : lag.toMillis() + " ms",
            maxLag.toMillis());
    return new InstrumentReport("read-canary", summary, figures);
  }

  /** Stops the lag reader; from then on the guard holds every read on the source. Idempotent. */
  @Override
  public void close() {
    lagReader.shutdownNow();
    guardHolding = true;
  }

  @Override
  public String toString() {
    return "ReadCanary[" + migration + ", " + percentage + "%]";
  }

  /** Builds a {@link ReadCanary}; every setting is checked when set. Not thread-safe. */
  public static final class Builder {

    private final String migration;
    private double percentage = -1;
    private final Set<String> allow = new TreeSet<>();
    private final Set<String> deny = new TreeSet<>();
    private boolean inDualWrite;
    private Duration maxLag = Duration.ofSeconds(1);
    private Duration lagRefresh = Duration.ofMillis(500);
    private LagProbe probe;
    private MeterRegistry registry;

    private Builder(String migration) {
      this.migration = migration;
    }

    /**
     * Sets the share of routing keys whose reads the target serves (required).
     *
     * @param percentage from 0 to 100, in steps of 0.01
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder percentage(double percentage) {
      if (!(percentage >= 0 && percentage <= 100)) {
        throw invalid("percentage", "must be between 0 and 100", percentage);
      }
      this.percentage = percentage;
      return this;
    }

    /**
     * Adds keys whose reads the target always serves (while the canary is active and the lag guard
     * open).
     *
     * @param keys routing keys
     * @return this builder
     */
    public Builder allow(Collection<?> keys) {
      keys.forEach(k -> allow.add(String.valueOf(java.util.Objects.requireNonNull(k))));
      return this;
    }

    /**
     * Adds keys whose reads always stay on the source.
     *
     * @param keys routing keys
     * @return this builder
     */
    public Builder deny(Collection<?> keys) {
      keys.forEach(k -> deny.add(String.valueOf(java.util.Objects.requireNonNull(k))));
      return this;
    }

    /**
     * Also serves canary reads in {@code DUAL_WRITE} (default false: only in {@code SHADOW}, when
     * the backfill is complete and verified; in {@code DUAL_WRITE} the target may miss history).
     *
     * @param inDualWrite whether to
     * @return this builder
     */
    public Builder inDualWrite(boolean inDualWrite) {
      this.inDualWrite = inDualWrite;
      return this;
    }

    /**
     * Sets the lag bound (default 1 s): above it, every read stays on the source.
     *
     * @param maxLag positive, at most 1 hour
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder maxLag(Duration maxLag) {
      this.maxLag = within("maxLag", maxLag, Duration.ofMillis(1), Duration.ofHours(1));
      return this;
    }

    /**
     * Sets how often the lag is measured (default 500 ms).
     *
     * @param lagRefresh between 10 ms and 1 minute
     * @return this builder
     * @throws ZdmException if out of range
     */
    public Builder lagRefresh(Duration lagRefresh) {
      this.lagRefresh =
          within("lagRefresh", lagRefresh, Duration.ofMillis(10), Duration.ofMinutes(1));
      return this;
    }

    /**
     * Sets how the lag is measured (required), typically {@link LagProbe#outbox(
     * javax.sql.DataSource, String)} on the source.
     *
     * @param probe the probe
     * @return this builder
     */
    public Builder lagProbe(LagProbe probe) {
      this.probe = java.util.Objects.requireNonNull(probe, "readCanary.lagProbe");
      return this;
    }

    /**
     * Sets the registry the meters go to (default: a private registry).
     *
     * @param registry the registry
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = java.util.Objects.requireNonNull(registry, "readCanary.meterRegistry");
      return this;
    }

    /**
     * Builds the canary and starts its lag reader thread.
     *
     * @return the canary
     * @throws ZdmException naming a missing setting, or a key on both lists
     */
    public ReadCanary build() {
      if (percentage < 0) {
        throw new ZdmException(
            "readCanary.percentage must be set for migration '" + migration + "'");
      }
      if (probe == null) {
        throw new ZdmException(
            "readCanary.lagProbe must be set for migration '"
                + migration
                + "', for example LagProbe.outbox(sourcePool, \""
                + migration
                + "\")");
      }
      List<String> both = new ArrayList<>(allow);
      both.retainAll(deny);
      if (!both.isEmpty()) {
        throw new ZdmException(
            "readCanary: "
                + both.size()
                + " key(s) of migration '"
                + migration
                + "' are on both the allow-list and the deny-list; keep each key on one list");
      }
      return new ReadCanary(this);
    }

    private ZdmException invalid(String property, String rule, Object value) {
      return new ZdmException(
          "readCanary."
              + property
              + " "
              + rule
              + ", was "
              + value
              + " (migration '"
              + migration
              + "')");
    }

    private Duration within(String property, Duration value, Duration min, Duration max) {
      java.util.Objects.requireNonNull(value, "readCanary." + property);
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw invalid(property, "must be between " + min + " and " + max, value);
      }
      return value;
    }
  }
}
