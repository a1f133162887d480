package dev.zdm.spring.boot;

import dev.zdm.Phase;
import dev.zdm.ZdmException;
import dev.zdm.backfill.BackfillConfig;
import dev.zdm.backfill.BackfillProgress;
import dev.zdm.jdbc.Backfill;
import dev.zdm.jdbc.control.MigrationControl;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The backfill as a managed lifecycle: on start-up it resumes from its checkpoints when the
 * migration is in {@code DUAL_WRITE} or {@code SHADOW} (and {@code zdm.backfill.auto-start} is on);
 * {@link ZdmMigration} starts it when the migration enters {@code DUAL_WRITE}; it stops after the
 * chunks in flight when the application shuts down, releasing its range leases so another instance
 * continues. Ranges are leased, so every instance may run it.
 *
 * <p>Starts after the relays and stops before them (lifecycle phase {@link #PHASE}). Thread-safe.
 */
public final class ZdmBackfillRunner implements SmartLifecycle {

  /** The lifecycle phase: after the relays, whose lag the backfill watches. */
  public static final int PHASE = ZdmRelays.PHASE + 1;

  private static final Logger log = LoggerFactory.getLogger(ZdmBackfillRunner.class);

  /** What the backfill of this instance is doing. */
  public enum State {
    /** Not started in this instance. */
    IDLE,
    /** Copying. */
    RUNNING,
    /** Paused by an operator; chunks in flight finished. */
    PAUSED,
    /** Every range of every table is finished. */
    DONE,
    /** A chunk kept failing; see {@link #failure()}. Start it again once the cause is fixed. */
    FAILED
  }

  private final MigrationControl control;
  private final ZdmDataSources dataSources;
  private final ZdmMappings mappings;
  private final ZdmProperties properties;
  private final ZdmRelays relays;
  private final MeterRegistry registry;
  private final List<ZdmBackfillCustomizer> customizers;
  private Backfill backfill;
  private boolean running;

  /**
   * Creates the runner; nothing runs before {@link #start()} or {@link #begin()}.
   *
   * @param control the migration's control, for the phase
   * @param dataSources the two databases
   * @param mappings the tables
   * @param properties the bound properties
   * @param relays the relays, whose forward lag makes the backfill back off
   * @param registry where the backfill's meters go
   * @param customizers applied to each backfill's builder, in order
   */
  public ZdmBackfillRunner(
      MigrationControl control,
      ZdmDataSources dataSources,
      ZdmMappings mappings,
      ZdmProperties properties,
      ZdmRelays relays,
      MeterRegistry registry,
      List<ZdmBackfillCustomizer> customizers) {
    this.control = control;
    this.dataSources = dataSources;
    this.mappings = mappings;
    this.properties = properties;
    this.relays = relays;
    this.registry = registry;
    this.customizers = List.copyOf(customizers);
  }

  @Override
  public synchronized void start() {
    running = true;
    if (!properties.getBackfill().isAutoStart()) {
      return;
    }
    Phase phase = control.phaseReader().read().phase();
    if (phase == Phase.DUAL_WRITE || phase == Phase.SHADOW) {
      begin();
    }
  }

  /**
   * Starts the backfill in this instance, or does nothing when it runs already. Resumes from the
   * checkpoints (also after a failure); once every range is done it finishes at once.
   *
   * @throws ZdmException if the migration is not in {@code DUAL_WRITE} or {@code SHADOW}, or
   *     planning the ranges fails
   */
  public synchronized void begin() {
    Phase phase = control.phaseReader().read().phase();
    if (phase != Phase.DUAL_WRITE && phase != Phase.SHADOW) {
      throw new ZdmException(
          control.migration()
              + ": the backfill runs in DUAL_WRITE or SHADOW, the migration is in "
              + phase
              + "; advance to DUAL_WRITE first");
    }
    if (backfill != null
        && !backfill.awaitCompletion(Duration.ZERO)
        && backfill.scheduler().failure().isEmpty()) {
      return;
    }
    close();
    Backfill.Builder builder =
        Backfill.builder(control.migration())
            .from(dataSources.source())
            .to(dataSources.target())
            .config(config(properties.getBackfill()))
            .tablePrefix(properties.getTablePrefix())
            .zdmSchema(properties.getZdmSchema())
            .postgresCopy(properties.getBackfill().isPostgresCopy())
            .meterRegistry(registry);
    mappings.tables().forEach(builder::table);
    relays
        .forward()
        .ifPresent(
            forward ->
                builder.backOffWhenRelayLagAbove(
                    forward.relay(), properties.getBackfill().getMaxRelayLag()));
    customizers.forEach(c -> c.customize(builder));
    backfill = builder.build();
    backfill.install();
    backfill.start();
    log.info("{}: backfill started", control.migration());
  }

  /**
   * Pauses the backfill: no new chunk starts until {@link #resume()}.
   *
   * @throws ZdmException if no backfill runs in this instance
   */
  public synchronized void pause() {
    current().pause();
  }

  /**
   * Resumes a paused backfill.
   *
   * @throws ZdmException if no backfill runs in this instance
   */
  public synchronized void resume() {
    current().resume();
  }

  /**
   * Returns what the backfill of this instance is doing.
   *
   * @return the state
   */
  public synchronized State state() {
    if (backfill == null) {
      return State.IDLE;
    }
    if (backfill.awaitCompletion(Duration.ZERO)) {
      return State.DONE;
    }
    if (backfill.scheduler().failure().isPresent()) {
      return State.FAILED;
    }
    return backfill.scheduler().paused() ? State.PAUSED : State.RUNNING;
  }

  /**
   * Returns the progress of the backfill of this instance.
   *
   * @return rows copied, rate, ETA per table and overall; empty before it started here
   */
  public synchronized Optional<BackfillProgress> progress() {
    return Optional.ofNullable(backfill).map(Backfill::progress);
  }

  /**
   * Returns why the backfill of this instance stopped, if a chunk kept failing.
   *
   * @return the message (naming the table and the cause, never row values), empty otherwise
   */
  public synchronized Optional<String> failure() {
    return Optional.ofNullable(backfill)
        .flatMap(b -> b.scheduler().failure())
        .map(e -> String.valueOf(e.getMessage()));
  }

  @Override
  public synchronized void stop() {
    running = false;
    close();
  }

  @Override
  public synchronized boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  private Backfill current() {
    if (backfill == null) {
      throw new ZdmException(
          control.migration() + ": no backfill runs in this instance; start it first");
    }
    return backfill;
  }

  private void close() {
    if (backfill != null) {
      backfill.close();
      backfill = null;
    }
  }

  private static BackfillConfig config(BackfillProperties p) {
    return BackfillConfig.builder()
        .maxConcurrency(p.getMaxConcurrency())
        .rangesPerTable(p.getRangesPerTable())
        .chunkSize(p.getInitialChunkSize(), p.getMinChunkSize(), p.getMaxChunkSize())
        .chunkTimeTarget(p.getChunkTimeTarget())
        .rowsPerSecond(p.getRowsPerSecond())
        .build();
  }
}
