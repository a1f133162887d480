package dev.zdm.jdbc.schema;

import java.util.List;

/**
 * What one call to {@link SchemaInstaller#install()} did.
 *
 * @param dialect the dialect of the database
 * @param tables where zdm's tables live
 * @param fromVersion the schema version found, 0 when zdm was not installed
 * @param toVersion the schema version now installed
 * @param applied the steps applied by this call, oldest first; empty when nothing was missing
 */
public record InstallReport(
    String dialect, ZdmTables tables, int fromVersion, int toVersion, List<SchemaStep> applied) {

  /** Copies the list so the report cannot change. */
  public InstallReport {
    applied = List.copyOf(applied);
  }

  /**
   * Tells whether the call found everything already installed.
   *
   * @return true when no step was applied
   */
  public boolean noOp() {
    return applied.isEmpty();
  }
}
