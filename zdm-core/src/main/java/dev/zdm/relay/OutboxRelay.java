package dev.zdm.relay;

import dev.zdm.MigrationName;
import dev.zdm.ZdmException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries captured changes from the outbox to the other database, at least once and idempotently:
 * workers lease partitions of the outbox, claim batches, coalesce them per row, have the {@link
 * ChangeApplier} copy each row's current state in one target transaction, and then delete the
 * changes. Any number of relays in any number of processes share the work through the leases.
 *
 * <p>Failures: each batch is retried with exponential backoff and jitter; a circuit breaker opens
 * when the target keeps failing to answer (the relay pauses, the outbox grows, the application is
 * untouched); a batch that keeps failing while both databases answer is split until the failing row
 * is isolated and parked in the dead-letter table.
 *
 * <p>Thread-safe. {@link #start()} starts the workers on threads from the configured factory;
 * {@link #close()} stops them and releases their leases.
 */
public final class OutboxRelay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final String migration;
  private final RelayConfig config;
  private final OutboxStore outbox;
  private final Clock clock;
  private final CircuitBreaker breaker;
  private final RelayMetrics metrics;
  private final ThreadFactory threadFactory;
  private final List<RelayWorker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;
  private volatile Instant nextStats = Instant.MIN;

  private OutboxRelay(Builder b) {
    this.migration = b.migration;
    this.config = b.config;
    this.outbox = b.outbox;
    this.clock = b.clock;
    this.breaker =
        CircuitBreaker.of(
            "zdm-relay-" + migration,
            CircuitBreakerConfig.custom()
                .failureRateThreshold(config.breakerFailureRate())
                .minimumNumberOfCalls(config.breakerMinimumCalls())
                .slidingWindowSize(Math.max(10, config.breakerMinimumCalls()))
                .waitDurationInOpenState(config.breakerOpenWait())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(1)
                // Only outages count: a row the target refuses is a data problem, handled by
                // isolating and parking it, and must not pause everything else.
                .recordExceptions(TargetUnavailableException.class)
                .build());
    RelayListener listener = b.listener;
    breaker
        .getEventPublisher()
        .onStateTransition(
            event -> {
              log.warn("{}: relay circuit breaker {}", migration, event.getStateTransition());
              try {
                listener.breakerStateChanged(
                    migration,
                    event.getStateTransition().getFromState().name(),
                    event.getStateTransition().getToState().name());
              } catch (RuntimeException e) {
                log.warn("{}: a relay listener failed; the relay goes on", migration, e);
              }
            });
    this.metrics = new RelayMetrics(b.meterRegistry, migration, breaker);
    Retry retry =
        Retry.of(
            "zdm-relay-" + migration,
            RetryConfig.custom()
                .maxAttempts(config.retryAttempts())
                .intervalFunction(
                    IntervalFunction.ofExponentialRandomBackoff(
                        config.retryInitialInterval(),
                        config.retryMultiplier(),
                        0.5,
                        config.retryMaxInterval()))
                .ignoreExceptions(
                    FencedOutException.class,
                    CallNotPermittedException.class,
                    ReferencePendingException.class)
                .build());
    retry.getEventPublisher().onRetry(event -> metrics.retries.increment());
    this.threadFactory = b.threadFactory;
    for (int i = 0; i < config.workers(); i++) {
      workers.add(
          new RelayWorker(
              migration,
              b.ownerPrefix + "-" + i,
              config,
              outbox,
              b.leases,
              b.deadLetters,
              b.applier,
              breaker,
              retry,
              clock,
              metrics,
              listener));
    }
  }

  /**
   * Starts building a relay for one migration.
   *
   * @param migration the migration's name
   * @return a builder
   */
  public static Builder builder(String migration) {
    return new Builder(migration);
  }

  /**
   * Starts the worker threads. Calling it on a started relay does nothing.
   *
   * @throws ZdmException if the relay was closed
   */
  public synchronized void start() {
    if (running) {
      return;
    }
    if (!threads.isEmpty()) {
      throw new ZdmException(
          migration + ": a closed relay cannot be started again; build a new one");
    }
    running = true;
    for (int i = 0; i < workers.size(); i++) {
      RelayWorker worker = workers.get(i);
      boolean measures = i == 0;
      Thread thread = threadFactory.newThread(() -> loop(worker, measures));
      threads.add(thread);
      thread.start();
    }
    log.info("{}: relay started with {} worker(s)", migration, workers.size());
  }

  /**
   * Runs one batch on every worker in the calling thread, for tests and tools that drive the relay
   * step by step. Not to be mixed with {@link #start()}.
   *
   * @return the number of changes taken out of the outbox
   */
  public synchronized int runOnce() {
    int taken = 0;
    for (RelayWorker worker : workers) {
      taken += worker.step();
    }
    measure(true);
    return taken;
  }

  /**
   * Waits until the outbox of this migration is empty, measuring it as it goes.
   *
   * @param timeout how long to wait at most
   * @return true if it emptied in time
   */
  public boolean awaitDrained(Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    while (clock.instant().isBefore(deadline)) {
      if (!outbox.hasPending(migration)) {
        metrics.backlog(outbox.backlog(migration));
        return true;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    metrics.backlog(outbox.backlog(migration));
    return false;
  }

  /**
   * Returns the circuit breaker's state: CLOSED, OPEN or HALF_OPEN.
   *
   * @return the state's name
   */
  public String breakerState() {
    return breaker.getState().name();
  }

  /**
   * Returns the last measured number of pending changes.
   *
   * @return the outbox depth
   */
  public long depth() {
    return metrics.depth();
  }

  /**
   * Returns the last measured age of the oldest pending change.
   *
   * @return the lag, zero when the outbox was empty
   */
  public Duration lag() {
    return metrics.lag();
  }

  /** Stops the workers, waiting for batches in flight, and releases their leases. */
  @Override
  public void close() {
    List<Thread> toJoin;
    synchronized (this) {
      running = false;
      toJoin = List.copyOf(threads);
    }
    for (Thread thread : toJoin) {
      LockSupport.unpark(thread);
      try {
        thread.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (RelayWorker worker : workers) {
      try {
        worker.releaseLeases();
      } catch (RuntimeException e) {
        log.warn(
            "{}: releasing relay leases failed; they lapse on their own: {}",
            migration,
            e.getMessage());
      }
    }
    log.info("{}: relay stopped", migration);
  }

  private void loop(RelayWorker worker, boolean measures) {
    long pauseNanos = config.pollMin().toNanos();
    while (running) {
      int taken;
      try {
        taken = worker.step();
        if (measures) {
          measure(false);
        }
      } catch (RuntimeException e) {
        // The outbox or lease store failed (the capturing database is down); wait and go on.
        log.warn("{}: relay step failed, retrying: {}", migration, e.getMessage());
        taken = 0;
        pauseNanos = config.pollMax().toNanos();
      }
      if (taken >= config.batchSize()) {
        pauseNanos = 0;
      } else if (taken > 0) {
        pauseNanos = config.pollMin().toNanos();
      } else {
        pauseNanos =
            Math.min(
                Math.max(pauseNanos * 2, config.pollMin().toNanos()), config.pollMax().toNanos());
      }
      if (pauseNanos > 0 && running) {
        LockSupport.parkNanos(pauseNanos);
      }
    }
  }

  private void measure(boolean now) {
    Instant at = clock.instant();
    if (now || !at.isBefore(nextStats)) {
      nextStats = at.plus(config.statsInterval());
      metrics.backlog(outbox.backlog(migration));
    }
  }

  /** Builds an {@link OutboxRelay}. Not thread-safe. */
  public static final class Builder {
    private final String migration;
    private RelayConfig config = RelayConfig.defaults();
    private OutboxStore outbox;
    private LeaseStore leases;
    private DeadLetterStore deadLetters;
    private ChangeApplier applier;
    private Clock clock = Clock.systemUTC();
    private MeterRegistry meterRegistry = new SimpleMeterRegistry();
    private RelayListener listener = RelayListener.NONE;
    private String ownerPrefix = UUID.randomUUID().toString().substring(0, 8);
    private ThreadFactory threadFactory;

    private Builder(String migration) {
      this.migration = MigrationName.require(migration);
      AtomicInteger n = new AtomicInteger();
      this.threadFactory =
          runnable -> {
            Thread thread =
                new Thread(runnable, "zdm-relay-" + migration + "-" + n.getAndIncrement());
            thread.setDaemon(true);
            return thread;
          };
    }

    /** Sets the configuration (default {@link RelayConfig#defaults()}). */
    public Builder config(RelayConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Sets the outbox of the capturing database (required). */
    public Builder outbox(OutboxStore outbox) {
      this.outbox = outbox;
      return this;
    }

    /** Sets where leases live (required), normally the capturing database. */
    public Builder leases(LeaseStore leases) {
      this.leases = leases;
      return this;
    }

    /** Sets where parked changes go (required), normally the capturing database. */
    public Builder deadLetters(DeadLetterStore deadLetters) {
      this.deadLetters = deadLetters;
      return this;
    }

    /** Sets what applies rows to the other database (required). */
    public Builder applier(ChangeApplier applier) {
      this.applier = applier;
      return this;
    }

    /** Sets the clock (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the registry for the relay's meters (default a private one). */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
      return this;
    }

    /** Sets a listener (default none). */
    public Builder listener(RelayListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Sets the name this process's workers lease under (default random); unique per process. */
    public Builder owner(String owner) {
      this.ownerPrefix = Objects.requireNonNull(owner, "owner");
      return this;
    }

    /** Sets the factory of worker threads (default daemon threads named zdm-relay-...). */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
      return this;
    }

    /**
     * Builds the relay; it does nothing until {@link OutboxRelay#start()}.
     *
     * @return the relay
     * @throws ZdmException naming a missing part
     */
    public OutboxRelay build() {
      require(outbox, "outbox");
      require(leases, "leases");
      require(deadLetters, "deadLetters");
      require(applier, "applier");
      return new OutboxRelay(this);
    }

    private void require(Object part, String name) {
      if (part == null) {
        throw new ZdmException(
            migration + ": the relay needs relay." + name + "; set it on the builder");
      }
    }
  }
}
