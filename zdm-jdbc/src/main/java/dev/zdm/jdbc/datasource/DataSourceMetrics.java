package dev.zdm.jdbc.datasource;

import dev.zdm.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The data source's meters, registered once so that counting a statement is one add:
 *
 * <ul>
 *   <li>{@code zdm.datasource.statements} (migration, side): statements run;
 *   <li>{@code zdm.datasource.reroutes} (migration, side = where the transaction went): first
 *       statements the fence refused and that were run again on the other side;
 *   <li>{@code zdm.datasource.fence.refusals} (migration, side = the refusing side): every fence
 *       refusal seen, re-routed or not;
 *   <li>{@code zdm.datasource.cutover.wait} (migration): how long new transactions waited for a
 *       cutover to end.
 * </ul>
 */
final class DataSourceMetrics {

  private final Map<Phase.Side, Counter> statements = new EnumMap<>(Phase.Side.class);
  private final Map<Phase.Side, Counter> reroutes = new EnumMap<>(Phase.Side.class);
  private final Map<Phase.Side, Counter> refusals = new EnumMap<>(Phase.Side.class);
  private final Timer cutoverWait;

  DataSourceMetrics(MeterRegistry registry, String migration) {
    for (Phase.Side side : new Phase.Side[] {Phase.Side.SOURCE, Phase.Side.TARGET}) {
      String tag = side.name().toLowerCase(java.util.Locale.ROOT);
      statements.put(
          side,
          Counter.builder("zdm.datasource.statements")
              .description("statements run through the data source")
              .tags("migration", migration, "side", tag)
              .register(registry));
      reroutes.put(
          side,
          Counter.builder("zdm.datasource.reroutes")
              .description(
                  "transactions moved to this side after the fence refused their first statement")
              .tags("migration", migration, "side", tag)
              .register(registry));
      refusals.put(
          side,
          Counter.builder("zdm.datasource.fence.refusals")
              .description("statements the fence on this side refused")
              .tags("migration", migration, "side", tag)
              .register(registry));
    }
    cutoverWait =
        Timer.builder("zdm.datasource.cutover.wait")
            .description("how long new transactions waited for a cutover to end")
            .tags("migration", migration)
            .register(registry);
  }

  void statement(Phase.Side side) {
    statements.get(side).increment();
  }

  void rerouted(Phase.Side to) {
    reroutes.get(to).increment();
  }

  void refused(Phase.Side side) {
    refusals.get(side).increment();
  }

  void waited(long nanos) {
    cutoverWait.record(nanos, TimeUnit.NANOSECONDS);
  }
}
