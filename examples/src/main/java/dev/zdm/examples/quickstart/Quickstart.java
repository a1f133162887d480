package dev.zdm.examples.quickstart;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.zdm.ZdmException;
import dev.zdm.jdbc.Dialects;
import dev.zdm.jdbc.schema.InstallReport;
import dev.zdm.jdbc.schema.SchemaInstaller;
import dev.zdm.jdbc.schema.SchemaStep;
import java.io.PrintStream;

/**
 * The program a newcomer runs first: it points zdm at a source and a target database (two embedded
 * H2 databases unless told otherwise) and prepares both for a migration, printing what it does.
 *
 * <p>Exit status: 0 on success, 1 when zdm reports an error, 2 on a bad command line.
 */
public final class Quickstart {

  private final PrintStream out;

  Quickstart(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the quickstart.
   *
   * @param args the command line, see {@code --help}
   */
  public static void main(String[] args) {
    int status;
    try {
      status = new Quickstart(System.out).run(QuickstartOptions.parse(args));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  int run(QuickstartOptions options) {
    if (options.help()) {
      out.print(QuickstartOptions.USAGE);
      return 0;
    }
    try (HikariDataSource source = pool("source", options.sourceUrl());
        HikariDataSource target = pool("target", options.targetUrl())) {
      out.println("zdm quickstart");
      prepare("source", source);
      prepare("target", target);
      out.println("both databases are ready for a migration");
      return 0;
    } catch (ZdmException e) {
      out.println("FAILED: " + e.getMessage());
      return 1;
    }
  }

  private void prepare(String side, HikariDataSource dataSource) {
    out.printf("%n%s: %s database%n", side, Dialects.detect(dataSource).name());
    SchemaInstaller installer = SchemaInstaller.builder(dataSource).build();
    InstallReport first = installer.install();
    if (first.noOp()) {
      out.printf("  zdm schema already at version %d%n", first.toVersion());
    } else {
      out.printf(
          "  installed zdm schema version %d -> %d%n", first.fromVersion(), first.toVersion());
      for (SchemaStep step : first.applied()) {
        out.printf("    step %d: %s %s%n", step.version(), step.description(), step.tables());
      }
    }
    InstallReport again = installer.install();
    out.printf(
        "  installing again: %s (version %d)%n",
        again.noOp() ? "no-op" : "applied " + again.applied().size() + " steps", again.toVersion());
  }

  private static HikariDataSource pool(String side, String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("zdm-quickstart-" + side);
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }
}
