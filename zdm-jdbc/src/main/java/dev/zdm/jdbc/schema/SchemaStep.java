package dev.zdm.jdbc.schema;

import java.util.List;

/**
 * One version of zdm's own schema: the tables it creates and the DDL that creates them.
 *
 * @param version the version this step brings the schema to, starting at 1
 * @param description what the step adds, recorded in the schema-version table
 * @param tables the unquoted names of the tables this step creates; uninstall drops them
 * @param statements idempotent DDL, run in order
 */
public record SchemaStep(
    int version, String description, List<String> tables, List<String> statements) {

  /** Copies the lists so a step cannot change after it is built. */
  public SchemaStep {
    tables = List.copyOf(tables);
    statements = List.copyOf(statements);
  }
}
