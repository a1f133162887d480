package dev.zdm.spring.boot;

import dev.zdm.control.InstrumentSource;
import dev.zdm.jdbc.canary.ReadCanary;
import dev.zdm.jdbc.control.MigrationControl;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import dev.zdm.jdbc.rollback.RollbackPolicy;
import dev.zdm.jdbc.shadow.ShadowReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;

/**
 * The instruments that watch the application's traffic in this instance (the data source's shadow
 * reader, the read canary, the automatic rollback policy, whichever are on), attached to the
 * migration's control so that its status, the endpoint and the health contributor show them. When
 * the context closes it detaches them and stops the shadow reader's workers; the canary and the
 * policy, being beans, are closed by the context. Thread-safe.
 */
public final class ZdmInstruments implements DisposableBean {

  private final MigrationControl control;
  private final ShadowReader shadowReader;
  private final ReadCanary canary;
  private final RollbackPolicy rollbackPolicy;
  private final List<InstrumentSource> attached = new ArrayList<>();

  /**
   * Attaches the instruments to the control.
   *
   * @param control the migration's control
   * @param dataSource the routed data source, whose shadow reader (if any) is attached
   * @param canary the read canary, or null
   * @param rollbackPolicy the rollback policy, or null
   */
  public ZdmInstruments(
      MigrationControl control,
      DualWriteDataSource dataSource,
      ReadCanary canary,
      RollbackPolicy rollbackPolicy) {
    this.control = control;
    this.shadowReader = dataSource.shadowReader().orElse(null);
    this.canary = canary;
    this.rollbackPolicy = rollbackPolicy;
    for (InstrumentSource source : new InstrumentSource[] {shadowReader, canary, rollbackPolicy}) {
      if (source != null) {
        control.attach(source);
        attached.add(source);
      }
    }
  }

  /**
   * Returns the data source's shadow reader.
   *
   * @return the reader, empty when shadow reads are off
   */
  public Optional<ShadowReader> shadowReader() {
    return Optional.ofNullable(shadowReader);
  }

  /**
   * Returns the read canary.
   *
   * @return the canary, empty when it is off
   */
  public Optional<ReadCanary> canary() {
    return Optional.ofNullable(canary);
  }

  /**
   * Returns the automatic rollback policy.
   *
   * @return the policy, empty when it is off
   */
  public Optional<RollbackPolicy> rollbackPolicy() {
    return Optional.ofNullable(rollbackPolicy);
  }

  /** Detaches the instruments and stops the shadow reader's workers. */
  @Override
  public void destroy() {
    attached.forEach(control::detach);
    if (shadowReader != null) {
      shadowReader.close();
    }
  }
}
