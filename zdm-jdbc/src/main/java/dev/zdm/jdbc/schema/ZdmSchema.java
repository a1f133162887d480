package dev.zdm.jdbc.schema;

import dev.zdm.jdbc.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * zdm's own tables, version by version, written once for every engine from the engine's {@link
 * DdlTypes}. A new version is appended here, never edited in place: installed databases hold the
 * versions they applied, and {@link SchemaInstaller} applies only the missing ones.
 */
public final class ZdmSchema {

  private ZdmSchema() {}

  /**
   * Returns the statement that creates the schema-version table, which the installer creates before
   * any step so that it can record them.
   *
   * @param tables zdm's table names
   * @param dialect the engine's dialect
   * @param types the engine's column types
   * @return one idempotent DDL statement
   */
  public static String schemaVersionTable(ZdmTables tables, Dialect dialect, DdlTypes types) {
    return "CREATE TABLE IF NOT EXISTS "
        + tables.qualified(dialect, tables.schemaVersion())
        + " (version INTEGER NOT NULL, description VARCHAR(200) NOT NULL,"
        + " state VARCHAR(16) NOT NULL, installed_at "
        + types.timestamp()
        + " DEFAULT "
        + types.now()
        + " NOT NULL, PRIMARY KEY (version))"
        + types.tableOptions();
  }

  /**
   * Returns every step, oldest first.
   *
   * @param tables zdm's table names
   * @param dialect the engine's dialect
   * @param types the engine's column types
   * @return the steps; step {@code n} is at index {@code n - 1}
   */
  public static List<SchemaStep> steps(ZdmTables tables, Dialect dialect, DdlTypes types) {
    Ddl ddl = new Ddl(tables, dialect, types);
    return List.of(
        new SchemaStep(
            1,
            "control table: each migration's phase and epoch",
            List.of(tables.migrations()),
            ddl.table(
                tables.migrations(),
                "migration VARCHAR(64) NOT NULL, phase VARCHAR(32) NOT NULL, epoch BIGINT NOT NULL,"
                    + " updated_at "
                    + types.timestamp()
                    + " DEFAULT "
                    + types.now()
                    + " NOT NULL, PRIMARY KEY (migration)")),
        new SchemaStep(
            2,
            "change outbox",
            List.of(tables.changes()),
            ddl.table(
                tables.changes(),
                "id "
                    + types.identity()
                    + " NOT NULL, migration VARCHAR(64) NOT NULL,"
                    + " table_name VARCHAR(128) NOT NULL, pk "
                    + types.text()
                    + " NOT NULL, op CHAR(1) NOT NULL, partition_no INTEGER NOT NULL, created_at "
                    + types.timestamp()
                    + " DEFAULT "
                    + types.now()
                    + " NOT NULL, PRIMARY KEY (id)",
                new Index("changes_claim", "migration, partition_no, id"))),
        new SchemaStep(
            3,
            "backfill checkpoints and work leases",
            List.of(tables.checkpoints(), tables.leases()),
            concat(
                ddl.table(
                    tables.checkpoints(),
                    "migration VARCHAR(64) NOT NULL, table_name VARCHAR(128) NOT NULL,"
                        + " range_no INTEGER NOT NULL, range_start "
                        + types.text()
                        + ", range_end "
                        + types.text()
                        + ", cursor_key "
                        + types.text()
                        + ", rows_copied BIGINT DEFAULT 0 NOT NULL, done "
                        + types.bool()
                        + " DEFAULT FALSE NOT NULL, updated_at "
                        + types.timestamp()
                        + " DEFAULT "
                        + types.now()
                        + " NOT NULL, PRIMARY KEY (migration, table_name, range_no)"),
                ddl.table(
                    tables.leases(),
                    "migration VARCHAR(64) NOT NULL, resource VARCHAR(191) NOT NULL,"
                        + " owner VARCHAR(191) NOT NULL, token BIGINT DEFAULT 0 NOT NULL,"
                        // Epoch milliseconds by the leaseholders' clocks: no session time zone
                        // can shift an expiry between processes.
                        + " expires_at_ms BIGINT NOT NULL, PRIMARY KEY (migration, resource)"))),
        new SchemaStep(
            4,
            "dead letters",
            List.of(tables.deadLetters()),
            ddl.table(
                tables.deadLetters(),
                "id "
                    + types.identity()
                    + " NOT NULL, migration VARCHAR(64) NOT NULL,"
                    + " table_name VARCHAR(128) NOT NULL, pk "
                    + types.text()
                    + " NOT NULL, op CHAR(1) NOT NULL, partition_no INTEGER NOT NULL, error "
                    + types.text()
                    + " NOT NULL, attempts INTEGER NOT NULL, first_failed_at "
                    + types.timestamp()
                    + " NOT NULL, last_failed_at "
                    + types.timestamp()
                    + " NOT NULL, PRIMARY KEY (id)",
                new Index("dead_letters_key", "migration, table_name, id"))),
        new SchemaStep(
            5,
            "verification runs",
            List.of(tables.verifications()),
            ddl.table(
                tables.verifications(),
                "id "
                    + types.identity()
                    + " NOT NULL, migration VARCHAR(64) NOT NULL,"
                    // Outcome: running, clean, differences or failed. Times are epoch
                    // milliseconds, like lease expiries, so no session time zone shifts them.
                    + " outcome VARCHAR(16) NOT NULL, started_at_ms BIGINT NOT NULL,"
                    + " finished_at_ms BIGINT, tables_compared INTEGER DEFAULT 0 NOT NULL,"
                    + " rows_compared BIGINT DEFAULT 0 NOT NULL,"
                    + " differences BIGINT DEFAULT 0 NOT NULL, report "
                    + types.text()
                    + ", PRIMARY KEY (id)",
                new Index("verifications_latest", "migration, id"))));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private record Index(String suffix, String columns) {}

  private record Ddl(ZdmTables tables, Dialect dialect, DdlTypes types) {

    List<String> table(String table, String columns, Index... indexes) {
      StringBuilder create =
          new StringBuilder("CREATE TABLE IF NOT EXISTS ")
              .append(tables.qualified(dialect, table))
              .append(" (")
              .append(columns);
      List<String> statements = new ArrayList<>();
      for (Index index : indexes) {
        String name = dialect.quote(tables.object(index.suffix()));
        if (types.inlineIndexes()) {
          create.append(", KEY ").append(name).append(" (").append(index.columns()).append(')');
        } else {
          statements.add(
              "CREATE INDEX IF NOT EXISTS "
                  + name
                  + " ON "
                  + tables.qualified(dialect, table)
                  + " ("
                  + index.columns()
                  + ")");
        }
      }
      create.append(')').append(types.tableOptions());
      statements.add(0, create.toString());
      return statements;
    }
  }
}
