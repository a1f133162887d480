package dev.zdm.spring.boot;

import dev.zdm.ZdmException;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.jdbc.canary.LagProbe;
import dev.zdm.jdbc.canary.ReadCanary;
import dev.zdm.jdbc.control.MigrationControl;
import dev.zdm.jdbc.rollback.RollbackPolicy;
import dev.zdm.jdbc.schema.ZdmTables;
import dev.zdm.jdbc.shadow.ShadowReads;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Builds shadow reads, the read canary and the rollback policy from {@code zdm.shadow-reads.*},
 * {@code zdm.canary.*} and {@code zdm.auto-rollback.*}; a value the library refuses fails start-up
 * naming the migration, the property, its value and the rule.
 */
final class ZdmInstrumentSettings {

  private ZdmInstrumentSettings() {}

  static ShadowReads shadowReads(String migration, ShadowReadsProperties p) {
    String prefix = "zdm.shadow-reads.";
    ShadowReads.Builder b = ShadowReads.builder();
    if (p.getSamplePercent() != null && p.getSampleOneIn() != null) {
      throw new ZdmException(
          migration
              + ": set "
              + prefix
              + "sample-percent or "
              + prefix
              + "sample-one-in, not both");
    }
    if (p.getSamplePercent() != null) {
      set(migration, prefix + "sample-percent", p.getSamplePercent(), b::samplePercent);
    }
    if (p.getSampleOneIn() != null) {
      set(migration, prefix + "sample-one-in", p.getSampleOneIn(), b::sampleOneIn);
    }
    set(migration, prefix + "workers", p.getWorkers(), b::workers);
    set(migration, prefix + "queue-capacity", p.getQueueCapacity(), b::queueCapacity);
    set(migration, prefix + "time-limit", p.getTimeLimit(), b::timeLimit);
    set(migration, prefix + "recheck-delay", p.getRecheckDelay(), b::recheckDelay);
    set(migration, prefix + "rechecks", p.getRechecks(), b::rechecks);
    set(migration, prefix + "max-rows", p.getMaxRows(), b::maxRows);
    set(migration, prefix + "drain-on-close", p.getDrainOnClose(), b::drainOnClose);
    set(
        migration,
        prefix + "side-effect-functions",
        p.getSideEffectFunctions(),
        b::sideEffectFunctions);
    p.getKeyColumns()
        .forEach(
            (table, columns) ->
                set(
                    migration,
                    prefix + "key-columns." + table,
                    columns,
                    c -> b.keyColumns(table, c.toArray(String[]::new))));
    b.includeValues(p.isIncludeValues());
    return build(migration, "zdm.shadow-reads", b::build);
  }

  static ReadCanary canary(
      MigrationControl control,
      CanaryProperties p,
      DataSource source,
      ZdmTables tables,
      MeterRegistry registry) {
    String migration = control.migration();
    String prefix = "zdm.canary.";
    if (p.getPercentage() == null) {
      throw new ZdmException(
          migration
              + ": "
              + prefix
              + "percentage must be set when "
              + prefix
              + "enabled=true (0 to 100; 0 with "
              + prefix
              + "allow serves only the listed keys)");
    }
    ReadCanary.Builder b = ReadCanary.builder(migration);
    set(migration, prefix + "percentage", p.getPercentage(), b::percentage);
    set(migration, prefix + "allow", p.getAllow(), b::allow);
    set(migration, prefix + "deny", p.getDeny(), b::deny);
    set(migration, prefix + "max-lag", p.getMaxLag(), b::maxLag);
    set(migration, prefix + "lag-refresh", p.getLagRefresh(), b::lagRefresh);
    b.inDualWrite(p.isInDualWrite());
    b.lagProbe(LagProbe.outbox(ZdmDatabase.of(source, tables), migration));
    b.meterRegistry(registry);
    return build(migration, "zdm.canary (allow, deny)", b::build);
  }

  static RollbackPolicy rollbackPolicy(MigrationControl control, AutoRollbackProperties p) {
    String migration = control.migration();
    String prefix = "zdm.auto-rollback.";
    if (p.getMaxErrorRate() == null && p.getMaxP95Latency() == null) {
      throw new ZdmException(
          migration
              + ": "
              + prefix
              + "enabled=true needs a threshold; set "
              + prefix
              + "max-error-rate or "
              + prefix
              + "max-p95-latency (or both)");
    }
    RollbackPolicy.Builder b = RollbackPolicy.builder(control);
    if (p.getMaxErrorRate() != null) {
      set(migration, prefix + "max-error-rate", p.getMaxErrorRate(), b::maxErrorRate);
    }
    if (p.getMaxP95Latency() != null) {
      set(migration, prefix + "max-p95-latency", p.getMaxP95Latency(), b::maxP95Latency);
    }
    set(migration, prefix + "window", p.getWindow(), b::window);
    set(migration, prefix + "max-samples", p.getMaxSamples(), b::maxSamples);
    set(migration, prefix + "minimum-calls", p.getMinimumCalls(), b::minimumCalls);
    set(migration, prefix + "ignored-sql-states", p.getIgnoredSqlStates(), b::ignoredSqlStates);
    set(migration, prefix + "cool-down", p.getCoolDown(), b::coolDown);
    set(
        migration,
        prefix + "evaluation-interval",
        p.getEvaluationInterval(),
        b::evaluationInterval);
    b.dryRun(p.isDryRun());
    return build(migration, prefix + "minimum-calls, " + prefix + "max-samples", b::build);
  }

  private static <T> void set(String migration, String property, T value, Consumer<T> setter) {
    try {
      setter.accept(value);
    } catch (ZdmException | NullPointerException e) {
      throw new ZdmException(
          migration + ": " + property + "=" + value + " is refused: " + e.getMessage());
    }
  }

  private static <T> T build(String migration, String properties, Supplier<T> build) {
    try {
      return build.get();
    } catch (ZdmException e) {
      throw new ZdmException(migration + ": check " + properties + ": " + e.getMessage());
    }
  }
}
