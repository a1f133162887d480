package dev.zdm.jdbc.control;

import dev.zdm.IllegalPhaseTransitionException;
import dev.zdm.MigrationName;
import dev.zdm.Phase;
import dev.zdm.ZdmException;
import dev.zdm.control.ControlListener;
import dev.zdm.control.GuardCheck;
import dev.zdm.control.GuardRefusedException;
import dev.zdm.control.InstrumentSource;
import dev.zdm.control.MigrationStatus;
import dev.zdm.control.PhaseChange;
import dev.zdm.control.PhaseReader;
import dev.zdm.control.PhaseState;
import dev.zdm.control.SwitchReport;
import dev.zdm.control.TransitionPlan;
import dev.zdm.jdbc.Replication;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.jdbc.capture.CaptureInstaller;
import dev.zdm.jdbc.outbox.JdbcOutboxStore;
import dev.zdm.jdbc.schema.SchemaInstaller;
import dev.zdm.jdbc.schema.ZdmTables;
import dev.zdm.mapping.TableMapping;
import dev.zdm.relay.OutboxStore;
import dev.zdm.relay.RelayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control of one migration's phase: where it is, and moving it on, with guards, the fenced
 * switch of authority (cutover and rollback) and a dry run of each change.
 *
 * <pre>{@code
 * MigrationControl control = MigrationControl.builder("orders-to-pg")
 *     .source(sourcePool).target(targetPool)
 *     .table("customers").table("orders")
 *     .fenceTimeout(Duration.ofSeconds(2))
 *     .build();
 * control.install();                          // zdm's tables and control rows on both sides
 * control.advance(Phase.DUAL_WRITE);          // capture on the source, fence on the target
 * ... backfill, verify ...
 * control.planAdvance(Phase.TARGET_PRIMARY);  // dry run: guards and steps, nothing changed
 * SwitchReport cutover = control.cutover();   // fenced switch; reports the write pause
 * control.rollback();                         // the same switch back, if needed
 * }</pre>
 *
 * <p>The phase lives in zdm's control table of both databases ({@link JdbcPhaseStore}); every
 * change is a compare-and-set on the epoch, so of several instances changing the phase at once
 * exactly one succeeds and the others get a {@link dev.zdm.control.PhaseConflictException}.
 * Thread-safe: the changing methods are serialised within one instance; {@link #status()} and the
 * dry runs may run concurrently with them.
 */
public final class MigrationControl {

  private static final Logger log = LoggerFactory.getLogger(MigrationControl.class);

  private final String migration;
  private final ZdmDatabase source;
  private final ZdmDatabase target;
  private final List<TableMapping> mappings;
  private final int partitions;
  private final Duration fenceTimeout;
  private final Duration drainTimeout;
  private final Clock clock;
  private final ControlListener listener;
  private final JdbcPhaseStore store;
  private final ControlTriggers triggers;
  private final Guards guards;
  private final AtomicInteger phaseGauge = new AtomicInteger(Phase.OFF.ordinal());
  private final Timer cutoverTimer;
  private final Timer rollbackTimer;
  private final Timer writePause;
  private final Counter fenceRefusals;
  private final List<InstrumentSource> instruments = new CopyOnWriteArrayList<>();
  private final MeterRegistry meterRegistry;

  private MigrationControl(Builder b) {
    this.migration = b.migration;
    ZdmTables tables = ZdmTables.of(b.tablePrefix, b.zdmSchema);
    this.source = ZdmDatabase.of(b.source, tables);
    this.target = ZdmDatabase.of(b.target, tables);
    this.mappings = List.copyOf(b.mappings.values());
    this.partitions = b.partitions;
    this.fenceTimeout = b.fenceTimeout;
    this.drainTimeout = b.drainTimeout;
    this.clock = b.clock;
    this.listener = b.listener;
    this.store = new JdbcPhaseStore(migration, source, target);
    this.triggers = new ControlTriggers(migration, store, mappings, partitions);
    this.guards =
        new Guards(migration, source, target, mappings, b.maxVerificationAge, b.maxLag, clock);
    MeterRegistry registry = b.meterRegistry;
    this.meterRegistry = registry;
    Gauge.builder("zdm.phase", phaseGauge, AtomicInteger::get)
        .tag("migration", migration)
        .description(
            "the migration's phase: 0 OFF, 1 DUAL_WRITE, 2 SHADOW, 3 CUTOVER,"
                + " 4 TARGET_PRIMARY, 5 TARGET_ONLY")
        .register(registry);
    this.cutoverTimer =
        Timer.builder("zdm.cutover.duration")
            .tag("migration", migration)
            .tag("direction", "cutover")
            .register(registry);
    this.rollbackTimer =
        Timer.builder("zdm.cutover.duration")
            .tag("migration", migration)
            .tag("direction", "rollback")
            .register(registry);
    this.writePause =
        Timer.builder("zdm.cutover.write.pause").tag("migration", migration).register(registry);
    this.fenceRefusals =
        Counter.builder("zdm.fence.refusals")
            .tag("migration", migration)
            .description("application writes the fence refused, as reported to the control")
            .register(registry);
  }

  /**
   * Starts building the control of one migration.
   *
   * @param migration the migration's name
   * @return a builder
   * @throws ZdmException if the name is not valid
   */
  public static Builder builder(String migration) {
    return new Builder(migration);
  }

  /**
   * Returns the migration's name.
   *
   * @return the name
   */
  public String migration() {
    return migration;
  }

  /**
   * Returns the reader of the recorded phase, for {@code DualWriteDataSource}.
   *
   * @return a thread-safe reader of both control rows
   */
  public PhaseReader phaseReader() {
    return store;
  }

  /**
   * Installs zdm's tables in both databases and records the migration ({@code OFF}, epoch 0) where
   * it is not recorded yet. Idempotent.
   *
   * @throws ZdmException when a database refuses
   */
  public void install() {
    for (ZdmDatabase db : List.of(source, target)) {
      SchemaInstaller.builder(db.dataSource())
          .tablePrefix(db.tables().prefix())
          .schema(db.tables().schema().orElse(null))
          .build()
          .install();
    }
    store.ensureRecorded();
    observe(store.read());
  }

  /**
   * Reads the phase, both control rows, the guards' figures, the outbox depth, lag and dead letters
   * of the side that captures now.
   *
   * @return the status
   * @throws ZdmException when a database cannot be read
   */
  public MigrationStatus status() {
    Optional<PhaseState> s = store.read(Phase.Side.SOURCE);
    Optional<PhaseState> t = store.read(Phase.Side.TARGET);
    PhaseState state = store.read();
    observe(state);
    ZdmDatabase capturing = state.phase() == Phase.TARGET_PRIMARY ? target : source;
    OutboxStore.Backlog backlog = new JdbcOutboxStore(capturing).backlog(migration);
    return new MigrationStatus(
        state,
        s,
        t,
        guards.all(state.phase()),
        backlog.pending(),
        backlog.oldest().map(o -> Duration.between(o, backlog.now())),
        guards.deadLetterCount(capturing),
        instruments.stream().map(InstrumentSource::report).toList());
  }

  /**
   * Attaches an instrument whose figures {@link #status()} shows from now on (shadow reads, a read
   * canary, an automatic rollback policy watching this migration in this process).
   *
   * @param source the instrument
   */
  public void attach(InstrumentSource source) {
    instruments.add(Objects.requireNonNull(source, "source"));
  }

  /**
   * Detaches an instrument attached with {@link #attach(InstrumentSource)}; nothing happens when it
   * is not attached.
   *
   * @param source the instrument
   */
  public void detach(InstrumentSource source) {
    instruments.remove(source);
  }

  /**
   * Reports what {@link #advance(Phase)} would do now, without doing it.
   *
   * @param next the phase to move to
   * @return whether the move is legal, every guard's reading and the steps
   * @throws ZdmException when a database cannot be read
   */
  public TransitionPlan planAdvance(Phase next) {
    return plan(store.read(), Objects.requireNonNull(next, "next"));
  }

  /**
   * Reports what {@link #rollback()} would do now, without doing it.
   *
   * @return the plan of the move back
   * @throws ZdmException when a database cannot be read
   */
  public TransitionPlan planRollback() {
    PhaseState state = store.read();
    return plan(state, rollbackTarget(state.phase()));
  }

  /**
   * Moves the migration to the next phase, after checking the move and its guards:
   *
   * <ul>
   *   <li>{@code OFF -> DUAL_WRITE} installs capture on the source and the fence on the target;
   *   <li>{@code DUAL_WRITE -> SHADOW} needs the backfill done and the lag under its bound;
   *   <li>{@code DUAL_WRITE/SHADOW -> TARGET_PRIMARY} is the cutover ({@link #cutover()});
   *   <li>{@code TARGET_PRIMARY -> DUAL_WRITE} is the rollback ({@link #rollback()});
   *   <li>{@code TARGET_PRIMARY -> TARGET_ONLY} and {@code DUAL_WRITE -> OFF} remove the capture
   *       objects on both sides; replication ends.
   * </ul>
   *
   * {@code CUTOVER} cannot be asked for: it is the transient phase of a switch.
   *
   * @param next the phase to move to
   * @return the new state
   * @throws IllegalPhaseTransitionException if the move is not allowed
   * @throws GuardRefusedException naming each failed guard, its observed and required value
   * @throws dev.zdm.control.CutoverAbandonedException if a switch gave up; the phase is unchanged
   * @throws dev.zdm.control.PhaseConflictException if another instance changed the phase first
   */
  public synchronized PhaseState advance(Phase next) {
    PhaseState state = store.read();
    TransitionPlan plan = plan(state, Objects.requireNonNull(next, "next"));
    require(plan);
    if (switchesAuthority(state.phase(), next)) {
      switchAuthority(state, next);
      return store.read();
    }
    if (state.phase() == Phase.OFF && next == Phase.DUAL_WRITE) {
      triggers.installBothSides();
    }
    PhaseState moved = store.compareAndSet(state, next);
    announce(state.phase(), moved);
    if (next == Phase.TARGET_ONLY || next == Phase.OFF) {
      triggers.removeBothSides();
    }
    return moved;
  }

  /**
   * Cuts over: the fenced switch from {@code DUAL_WRITE} or {@code SHADOW} to {@code
   * TARGET_PRIMARY}. See docs/phases.md for the steps.
   *
   * @return durations, write pause included, and what was drained and synced
   * @throws GuardRefusedException naming each failed guard
   * @throws dev.zdm.control.CutoverAbandonedException if the fence was not granted within the fence
   *     timeout, the outbox did not drain in time, or a step failed; the phase is unchanged
   * @throws dev.zdm.control.PhaseConflictException if another instance changed the phase first
   */
  public synchronized SwitchReport cutover() {
    PhaseState state = store.read();
    require(plan(state, Phase.TARGET_PRIMARY));
    return switchAuthority(state, Phase.TARGET_PRIMARY);
  }

  /**
   * Moves back one step: from {@code TARGET_PRIMARY} the fenced switch to {@code DUAL_WRITE}
   * (nothing written on the target is lost: the source received it by reverse replication, and the
   * switch drains the rest), from {@code SHADOW} to {@code DUAL_WRITE}, from {@code DUAL_WRITE} to
   * {@code OFF}.
   *
   * @return the new state
   * @throws IllegalPhaseTransitionException in {@code OFF}, {@code CUTOVER} (use {@link
   *     #recover()}) or {@code TARGET_ONLY}
   * @throws GuardRefusedException naming each failed guard
   * @throws dev.zdm.control.CutoverAbandonedException if the switch gave up
   */
  public synchronized PhaseState rollback() {
    return advance(rollbackTarget(store.read().phase()));
  }

  /**
   * Repairs the control rows after a switch was cut off (the process died, or a database failed
   * between the two writes): when the newest state is {@code CUTOVER}, both rows return to the
   * phase the other row still holds; when the rows disagree otherwise, the older one is brought to
   * the newer. Does nothing when both rows agree.
   *
   * @return the state after the repair
   * @throws ZdmException when a database refuses
   */
  public synchronized PhaseState recover() {
    Optional<PhaseState> s = store.read(Phase.Side.SOURCE);
    Optional<PhaseState> t = store.read(Phase.Side.TARGET);
    if (s.isEmpty() || t.isEmpty() || s.get().equals(t.get())) {
      return store.read();
    }
    PhaseState newer = t.get().newerThan(s.get()) ? t.get() : s.get();
    PhaseState older = newer == s.get() ? t.get() : s.get();
    PhaseState repaired =
        newer.phase() == Phase.CUTOVER
            ? new PhaseState(migration, older.phase(), newer.epoch() + 1)
            : newer;
    for (Phase.Side side : new Phase.Side[] {Phase.Side.SOURCE, Phase.Side.TARGET}) {
      try (Connection connection = store.db(side).dataSource().getConnection()) {
        connection.setAutoCommit(true);
        store.write(connection, store.db(side), 0, repaired, false);
      } catch (SQLException e) {
        throw store.failure("repairing the control row", e);
      }
    }
    log.warn(
        "{}: control rows repaired: source {}, target {} -> {} at epoch {}",
        migration,
        s.get(),
        t.get(),
        repaired.phase(),
        repaired.epoch());
    announce(newer.phase(), repaired);
    return repaired;
  }

  /**
   * Builds the forward replication of this migration (source to target) with its table mappings;
   * its meters go to this control's registry, tagged {@code direction=forward}. The caller
   * installs, starts and closes it; it runs in {@code DUAL_WRITE} and {@code SHADOW}.
   *
   * @param config the relay's settings; its partition count must equal this control's
   * @return a replication, not yet installed
   */
  public Replication forwardReplication(RelayConfig config) {
    requirePartitions(config);
    Replication.Builder builder =
        Replication.builder(migration)
            .from(source.dataSource())
            .to(target.dataSource())
            .tablePrefix(source.tables().prefix())
            .zdmSchema(source.tables().schema().orElse(null))
            .meterRegistry(direction("forward"))
            .relay(config);
    mappings.forEach(builder::table);
    return builder.build();
  }

  /**
   * Builds the reverse replication (target to source) that carries the target's changes back in
   * {@code TARGET_PRIMARY}, with the mappings reversed (table names and column renames swapped);
   * its meters go to this control's registry, tagged {@code direction=reverse}. The caller
   * installs, starts and closes it.
   *
   * @param config the relay's settings; its partition count must equal this control's
   * @return a replication, not yet installed
   * @throws ZdmException if a mapping drops or computes columns, which cannot be reversed
   */
  public Replication reverseReplication(RelayConfig config) {
    requirePartitions(config);
    Replication.Builder builder =
        Replication.builder(migration)
            .from(target.dataSource())
            .to(source.dataSource())
            .tablePrefix(target.tables().prefix())
            .zdmSchema(target.tables().schema().orElse(null))
            .captureSide(Phase.Side.TARGET)
            .meterRegistry(direction("reverse"))
            .relay(config);
    mappings.stream().map(this::reversed).forEach(builder::table);
    return builder.build();
  }

  /**
   * The control's registry seen through a tag {@code direction}: both relays of a migration
   * register the same meters, which would otherwise collide (the second gauge of an id is ignored).
   */
  private MeterRegistry direction(String direction) {
    CompositeMeterRegistry view = new CompositeMeterRegistry(meterRegistry.config().clock());
    view.config().commonTags("direction", direction);
    view.add(meterRegistry);
    return view;
  }

  /**
   * Counts one application write refused by the fence, for the {@code zdm.fence.refusals} meter.
   * The refusal itself happens in the database; the data source reports the ones it sees.
   */
  public void recordFenceRefusal() {
    fenceRefusals.increment();
  }

  private SwitchReport switchAuthority(PhaseState state, Phase next) {
    // The new side's triggers capture for the way back as soon as it is authoritative. They are
    // installed since DUAL_WRITE; this only checks (or repairs) them, before the fence, so that
    // no DDL runs while application writes wait.
    Phase.Side newSide =
        state.authoritative() == Phase.Side.SOURCE ? Phase.Side.TARGET : Phase.Side.SOURCE;
    triggers.install(newSide);
    AuthoritySwitch authoritySwitch =
        new AuthoritySwitch(
            store,
            fenceTimeout,
            drainTimeout,
            clock,
            this::underFence,
            committed -> {
              observe(committed);
              safely(
                  () ->
                      listener.phaseChanged(
                          new PhaseChange(
                              migration,
                              committed.phase() == Phase.CUTOVER ? state.phase() : Phase.CUTOVER,
                              committed.phase(),
                              committed.epoch(),
                              clock.instant())));
            });
    log.info("{}: switching authority: {} -> {}", migration, state.phase(), next);
    try {
      SwitchReport report = authoritySwitch.run(state, next);
      (next == Phase.TARGET_PRIMARY ? cutoverTimer : rollbackTimer).record(report.total());
      writePause.record(report.writePause());
      log.info(
          "{}: now {} at epoch {}; write pause {} ms (fence wait {} ms), {} changes drained, {}"
              + " counters raised",
          migration,
          next,
          report.epoch(),
          report.writePause().toMillis(),
          report.fenceWait().toMillis(),
          report.drainedChanges(),
          report.sequencesSynced());
      safely(() -> listener.switched(report));
      return report;
    } catch (dev.zdm.control.CutoverAbandonedException e) {
      log.warn("{}", e.getMessage());
      safely(() -> listener.switchAbandoned(migration, e.getMessage()));
      throw e;
    }
  }

  /** Runs under the fence: the new side's key counters raised past the old side's. */
  private int underFence(Phase.Side oldSide, Phase.Side newSide) throws SQLException {
    ZdmDatabase from = store.db(oldSide);
    ZdmDatabase to = store.db(newSide);
    SequenceSync sync = new SequenceSync(migration);
    int raised = 0;
    String fromSchema = currentSchema(from);
    String toSchema = currentSchema(to);
    for (TableMapping mapping : mappings) {
      TableMapping directed = oldSide == Phase.Side.SOURCE ? mapping : reversedNames(mapping);
      raised +=
          sync.sync(
              new SequenceSync.TableRef(
                  from, directed.sourceSchema().orElse(fromSchema), directed.sourceTable()),
              new SequenceSync.TableRef(
                  to, directed.targetSchema().orElse(toSchema), directed.targetTable()),
              directed.renames());
    }
    return raised;
  }

  private TransitionPlan plan(PhaseState state, Phase next) {
    Phase from = state.phase();
    boolean legal = legal(from, next);
    List<GuardCheck> checks = legal ? guards.forMove(from, next) : List.of();
    List<String> steps = new ArrayList<>();
    if (!legal) {
      steps.add(illegalReason(from, next));
    } else if (switchesAuthority(from, next)) {
      String oldSide = from.authoritative() == Phase.Side.SOURCE ? "source" : "target";
      String newSide = from.authoritative() == Phase.Side.SOURCE ? "target" : "source";
      steps.add("make sure the " + newSide + "'s triggers capture changes for the way back");
      steps.add(
          "take the fence on the "
              + oldSide
              + " (wait at most "
              + fenceTimeout.toMillis()
              + " ms for in-flight writes; give up and stay in "
              + from
              + " if exceeded)");
      steps.add("record CUTOVER at epoch " + (state.epoch() + 1) + " in both databases");
      steps.add(
          "drain the " + oldSide + " outbox to zero (at most " + drainTimeout.toMillis() + " ms)");
      steps.add("raise the " + newSide + "'s sequences/auto-increment past the " + oldSide + "'s");
      steps.add(
          "record "
              + next
              + " at epoch "
              + (state.epoch() + 2)
              + " in the "
              + oldSide
              + " (releases the fence), then in the "
              + newSide);
    } else {
      if (from == Phase.OFF && next == Phase.DUAL_WRITE) {
        steps.add("install capture triggers on the source tables " + triggers.sourceTables());
        steps.add("install fence triggers on the target tables " + triggers.targetTables());
      }
      steps.add("record " + next + " at epoch " + (state.epoch() + 1) + " in both databases");
      if (next == Phase.TARGET_ONLY || next == Phase.OFF) {
        steps.add("remove the capture and fence triggers on both sides; replication ends");
      }
    }
    return new TransitionPlan(migration, state, next, legal, checks, steps);
  }

  private void require(TransitionPlan plan) {
    if (!plan.legal()) {
      Phase from = plan.from().phase();
      if (from == Phase.CUTOVER || plan.to() == Phase.CUTOVER) {
        throw new ZdmException(
            "migration '"
                + migration
                + "': cannot move from "
                + from
                + " to "
                + plan.to()
                + ": "
                + plan.steps().get(0));
      }
      throw new IllegalPhaseTransitionException(migration, from, plan.to());
    }
    if (!plan.refusals().isEmpty()) {
      throw new GuardRefusedException(migration, plan.from().phase(), plan.to(), plan.refusals());
    }
  }

  private static boolean legal(Phase from, Phase to) {
    if (to == Phase.CUTOVER || from == Phase.CUTOVER) {
      return false;
    }
    return switchesAuthority(from, to) || from.canMoveTo(to);
  }

  private static String illegalReason(Phase from, Phase to) {
    if (to == Phase.CUTOVER) {
      return "CUTOVER is the transient phase of a switch; ask for TARGET_PRIMARY (cutover) instead";
    }
    if (from == Phase.CUTOVER) {
      return "a switch is in progress or was cut off; wait for it, or run recover()";
    }
    return "from " + from + " the allowed next phases are " + from.allowedNext();
  }

  private static boolean switchesAuthority(Phase from, Phase to) {
    return ((from == Phase.DUAL_WRITE || from == Phase.SHADOW) && to == Phase.TARGET_PRIMARY)
        || (from == Phase.TARGET_PRIMARY && to == Phase.DUAL_WRITE);
  }

  private static Phase rollbackTarget(Phase phase) {
    return switch (phase) {
      case TARGET_PRIMARY, SHADOW -> Phase.DUAL_WRITE;
      case DUAL_WRITE -> Phase.OFF;
      default -> phase;
    };
  }

  private TableMapping reversed(TableMapping m) {
    if (!m.drops().isEmpty() || !m.computed().isEmpty()) {
      throw new ZdmException(
          "migration '"
              + migration
              + "': table "
              + m.sourceTable()
              + " drops or computes columns, so its target rows cannot be carried back to the"
              + " source for rollback; map it with renames only, or roll back by other means");
    }
    return reversedNames(m);
  }

  private static TableMapping reversedNames(TableMapping m) {
    TableMapping.Builder b =
        TableMapping.builder(m.targetTable())
            .sourceSchema(m.targetSchema().orElse(null))
            .targetTable(m.sourceTable())
            .targetSchema(m.sourceSchema().orElse(null));
    m.renames().forEach((from, to) -> b.rename(to, from));
    return b.build();
  }

  private void requirePartitions(RelayConfig config) {
    if (config.partitions() != partitions) {
      throw new ZdmException(
          "migration '"
              + migration
              + "': the relay's partitions ("
              + config.partitions()
              + ") must equal the control's ("
              + partitions
              + "), which the triggers use; set both to the same value");
    }
  }

  private static String currentSchema(ZdmDatabase db) throws SQLException {
    try (Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement();
        var row = statement.executeQuery(db.dialect().currentSchemaQuery())) {
      row.next();
      return row.getString(1);
    }
  }

  private void announce(Phase from, PhaseState moved) {
    observe(moved);
    log.info("{}: phase {} -> {} at epoch {}", migration, from, moved.phase(), moved.epoch());
    safely(
        () ->
            listener.phaseChanged(
                new PhaseChange(migration, from, moved.phase(), moved.epoch(), clock.instant())));
  }

  private void observe(PhaseState state) {
    phaseGauge.set(state.phase().ordinal());
  }

  private void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("{}: a control listener failed: {}", migration, e.toString());
    }
  }

  /** Builds a {@link MigrationControl}; validates every setting in {@link #build()}. */
  public static final class Builder {
    private final String migration;
    private DataSource source;
    private DataSource target;
    private final Map<String, TableMapping> mappings = new LinkedHashMap<>();
    private String tablePrefix = ZdmTables.DEFAULT_PREFIX;
    private String zdmSchema;
    private int partitions = RelayConfig.defaults().partitions();
    private Duration fenceTimeout = Duration.ofSeconds(5);
    private Duration drainTimeout = Duration.ofSeconds(30);
    private Duration maxLag = Duration.ofSeconds(5);
    private Duration maxVerificationAge = Duration.ofHours(1);
    private Clock clock = Clock.systemUTC();
    private MeterRegistry meterRegistry = new SimpleMeterRegistry();
    private ControlListener listener = ControlListener.NOOP;

    private Builder(String migration) {
      this.migration = MigrationName.require(migration);
    }

    /**
     * Sets the source database (required).
     *
     * @param source the database the service started on
     * @return this builder
     */
    public Builder source(DataSource source) {
      this.source = source;
      return this;
    }

    /**
     * Sets the target database (required).
     *
     * @param target the database the service moves to
     * @return this builder
     */
    public Builder target(DataSource target) {
      this.target = target;
      return this;
    }

    /**
     * Adds a table migrated under the same name.
     *
     * @param table the table's name
     * @return this builder
     */
    public Builder table(String table) {
      return table(TableMapping.identity(table));
    }

    /**
     * Adds a table with its mapping, the same as the replication's and the backfill's.
     *
     * @param mapping the mapping
     * @return this builder
     */
    public Builder table(TableMapping mapping) {
      if (mappings.putIfAbsent(mapping.sourceTable(), mapping) != null) {
        throw new ZdmException(
            migration + ": table " + mapping.sourceTable() + " is configured twice; keep one");
      }
      return this;
    }

    /**
     * Sets zdm's table prefix in both databases.
     *
     * @param tablePrefix default {@code zdm_}
     * @return this builder
     */
    public Builder tablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
      return this;
    }

    /**
     * Sets the schema of zdm's tables in both databases.
     *
     * @param schema default: the connection's current schema
     * @return this builder
     */
    public Builder zdmSchema(String schema) {
      this.zdmSchema = schema;
      return this;
    }

    /**
     * Sets the relay partition count the triggers spread keys over; it must equal the relays'.
     *
     * @param partitions default 16
     * @return this builder
     */
    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    /**
     * Sets how long a switch waits for the fence (for write transactions in flight on the old side)
     * before it gives up and stays in the old phase. Application writes pause for at most this long
     * plus the drain.
     *
     * @param fenceTimeout positive; default 5 s
     * @return this builder
     */
    public Builder fenceTimeout(Duration fenceTimeout) {
      this.fenceTimeout = fenceTimeout;
      return this;
    }

    /**
     * Sets how long a switch waits, under the fence, for the old side's outbox to drain.
     *
     * @param drainTimeout positive; default 30 s
     * @return this builder
     */
    public Builder drainTimeout(Duration drainTimeout) {
      this.drainTimeout = drainTimeout;
      return this;
    }

    /**
     * Sets the relay-lag guard: the oldest pending change may be at most this old.
     *
     * @param maxLag positive; default 5 s
     * @return this builder
     */
    public Builder maxLag(Duration maxLag) {
      this.maxLag = maxLag;
      return this;
    }

    /**
     * Sets the verification guard: the newest finished verification must be clean and at most this
     * old.
     *
     * @param maxVerificationAge positive; default 1 h
     * @return this builder
     */
    public Builder maxVerificationAge(Duration maxVerificationAge) {
      this.maxVerificationAge = maxVerificationAge;
      return this;
    }

    /**
     * Sets the clock of guards and durations.
     *
     * @param clock default UTC system clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the registry of {@code zdm.phase}, {@code zdm.cutover.duration}, {@code
     * zdm.cutover.write.pause} and {@code zdm.fence.refusals}.
     *
     * @param registry the registry
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
      return this;
    }

    /**
     * Sets the listener of phase changes and switches.
     *
     * @param listener default none
     * @return this builder
     */
    public Builder listener(ControlListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Validates the settings and builds the control. Nothing touches the databases yet.
     *
     * @return the control
     * @throws ZdmException naming the setting and the bad value
     */
    public MigrationControl build() {
      if (source == null || target == null) {
        throw new ZdmException(migration + ": control needs both source() and target()");
      }
      if (mappings.isEmpty()) {
        throw new ZdmException(migration + ": control needs at least one table");
      }
      positive("control.fenceTimeout", fenceTimeout);
      positive("control.drainTimeout", drainTimeout);
      positive("control.maxLag", maxLag);
      positive("control.maxVerificationAge", maxVerificationAge);
      if (partitions < 1 || partitions > CaptureInstaller.MAX_PARTITIONS) {
        throw new ZdmException(
            "control.partitions must be 1 to "
                + CaptureInstaller.MAX_PARTITIONS
                + ", was "
                + partitions);
      }
      return new MigrationControl(this);
    }

    private static void positive(String name, Duration value) {
      if (value == null || value.isZero() || value.isNegative()) {
        throw new ZdmException(name + " must be positive, was " + value);
      }
    }
  }
}
