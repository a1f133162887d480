package dev.zdm.control;

/**
 * Reads a migration's current phase from where every instance agrees on it: zdm's control table.
 * The data source calls it to route connections; it caches the answer itself, so an implementation
 * reads the database on every call.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface PhaseReader {

  /**
   * Reads the recorded phase now.
   *
   * @return the newest recorded state; a migration never recorded reads as {@code OFF}, epoch 0
   * @throws dev.zdm.ZdmException when the phase cannot be read; the message names the migration and
   *     the database
   */
  PhaseState read();
}
