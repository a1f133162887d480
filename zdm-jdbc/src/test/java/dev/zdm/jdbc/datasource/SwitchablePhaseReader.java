package dev.zdm.jdbc.datasource;

import dev.zdm.Phase;
import dev.zdm.control.PhaseReader;
import dev.zdm.control.PhaseState;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A phase held in memory that a test switches, counting how often the data source reads it. */
final class SwitchablePhaseReader implements PhaseReader {

  private final String migration;
  private final AtomicReference<PhaseState> state;
  private final AtomicInteger reads = new AtomicInteger();

  SwitchablePhaseReader(String migration, Phase phase) {
    this.migration = migration;
    this.state = new AtomicReference<>(new PhaseState(migration, phase, 0));
  }

  /** Moves to {@code phase}, one epoch later (any phase: tests also set up odd states). */
  void set(Phase phase) {
    state.updateAndGet(old -> new PhaseState(migration, phase, old.epoch() + 1));
  }

  int reads() {
    return reads.get();
  }

  @Override
  public PhaseState read() {
    reads.incrementAndGet();
    return state.get();
  }
}
