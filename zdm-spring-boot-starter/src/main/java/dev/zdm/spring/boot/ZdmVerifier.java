package dev.zdm.spring.boot;

import dev.zdm.Phase;
import dev.zdm.ZdmException;
import dev.zdm.jdbc.Verification;
import dev.zdm.jdbc.control.MigrationControl;
import dev.zdm.mapping.TableMapping;
import dev.zdm.verify.VerificationReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs verifications in the direction replication runs now (source against target while the source
 * is authoritative, target against source in {@code TARGET_PRIMARY}) and keeps the last report. The
 * forward run is recorded in the source's verifications table, which the cutover guard reads.
 * Thread-safe; one run at a time.
 */
public final class ZdmVerifier {

  private final MigrationControl control;
  private final ZdmDataSources dataSources;
  private final ZdmMappings mappings;
  private final ZdmProperties properties;
  private final MeterRegistry registry;
  private volatile VerificationReport last;

  /**
   * Creates the verifier.
   *
   * @param control the migration's control, for the phase
   * @param dataSources the two databases
   * @param mappings the tables
   * @param properties the bound properties
   * @param registry where the verifier's meters go
   */
  public ZdmVerifier(
      MigrationControl control,
      ZdmDataSources dataSources,
      ZdmMappings mappings,
      ZdmProperties properties,
      MeterRegistry registry) {
    this.control = control;
    this.dataSources = dataSources;
    this.mappings = mappings;
    this.properties = properties;
    this.registry = registry;
  }

  /**
   * Compares every table now, while the application keeps writing.
   *
   * @return the report, without row values unless {@code zdm.verifier.show-values} is on
   * @throws IllegalStateException if the migration is in OFF, CUTOVER or TARGET_ONLY, where no
   *     replication runs to compare against (the endpoint answers 409)
   * @throws ZdmException if the run failed, or a table mapping cannot be reversed for
   *     TARGET_PRIMARY
   */
  public synchronized VerificationReport run() {
    Phase phase = control.phaseReader().read().phase();
    boolean reverse = phase == Phase.TARGET_PRIMARY;
    if (phase == Phase.OFF || phase == Phase.TARGET_ONLY || phase == Phase.CUTOVER) {
      throw new IllegalStateException(
          control.migration()
              + ": verification compares while replication runs (DUAL_WRITE, SHADOW,"
              + " TARGET_PRIMARY); the migration is in "
              + phase);
    }
    DataSource from = reverse ? dataSources.target() : dataSources.source();
    DataSource to = reverse ? dataSources.source() : dataSources.target();
    VerifierProperties v = properties.getVerifier();
    Verification.Builder builder =
        Verification.builder(control.migration())
            .from(from)
            .to(to)
            .relayPartitions(properties.getRelay().getPartitions())
            .recheck(v.getRecheckRounds(), v.getRecheckRelayTimeout())
            .leafRows(v.getLeafRows())
            .showValues(v.isShowValues())
            .tablePrefix(properties.getTablePrefix())
            .zdmSchema(properties.getZdmSchema())
            .meterRegistry(registry);
    for (TableMapping mapping : mappings.tables()) {
      builder.table(reverse ? reversed(mapping) : mapping);
    }
    try (Verification verification = builder.build()) {
      verification.install();
      VerificationReport report = verification.run();
      last = report;
      return report;
    }
  }

  /**
   * Returns the report of the last run in this instance.
   *
   * @return the report, empty before the first run
   */
  public Optional<VerificationReport> last() {
    return Optional.ofNullable(last);
  }

  private TableMapping reversed(TableMapping mapping) {
    if (!mapping.drops().isEmpty() || !mapping.computed().isEmpty()) {
      throw new ZdmException(
          control.migration()
              + ": table "
              + mapping.sourceTable()
              + " drops or computes columns, so it cannot be verified from the target back to"
              + " the source; verify it before the cutover");
    }
    TableMapping.Builder builder = TableMapping.builder(mapping.targetTable());
    mapping.targetSchema().ifPresent(builder::sourceSchema);
    builder.targetTable(mapping.sourceTable());
    mapping.sourceSchema().ifPresent(builder::targetSchema);
    mapping.renames().forEach((from, to) -> builder.rename(to, from));
    return builder.build();
  }
}
