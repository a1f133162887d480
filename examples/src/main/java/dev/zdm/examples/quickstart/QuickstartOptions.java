package dev.zdm.examples.quickstart;

import dev.zdm.Phase;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The quickstart's command line. Defaults need nothing installed: two embedded H2 databases. */
record QuickstartOptions(
    String sourceUrl,
    String targetUrl,
    int rows,
    int writers,
    int rate,
    int seconds,
    int backfillRate,
    Phase until,
    boolean rollback,
    Optional<Path> report,
    boolean help) {

  // LOCK_TIMEOUT: H2 writers queue on the fence (the control row) while a chunk or a switch holds
  // it; H2's default would turn a short queue into lock-timeout retries.
  static final String DEFAULT_SOURCE =
      "jdbc:h2:mem:zdm_source;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=10000";
  static final String DEFAULT_TARGET =
      "jdbc:h2:mem:zdm_target;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=10000";

  /** The phases the walk-through can stop after. */
  static final List<Phase> STOPS =
      List.of(Phase.DUAL_WRITE, Phase.SHADOW, Phase.TARGET_PRIMARY, Phase.TARGET_ONLY);

  static final String USAGE =
      """
      usage: java -jar examples/target/zdm-quickstart.jar [options]

        --source-url URL   JDBC URL of the source database, credentials in the URL
                           (default: an embedded H2 database)
        --target-url URL   JDBC URL of the target database (default: a second embedded H2)
        --rows N           rows seeded into an empty source, customers and orders together
                           (default 100000)
        --writers N        concurrent application writers; one reader runs beside them
                           (default 4)
        --rate N           application write transactions per second, all writers together
                           (default 1000)
        --seconds N        seconds of application traffic in each phase (default 3)
        --backfill-rate N  rows per second the backfill copies at most (default 0: no limit)
        --until PHASE      stop once this phase is reached and its traffic ran: DUAL_WRITE,
                           SHADOW, TARGET_PRIMARY or TARGET_ONLY (default TARGET_ONLY); run
                           again with the same databases to continue
        --rollback         after the cutover, roll back to the source, then cut over again
        --report FILE      write the summary as JSON to FILE
        --help             print this text
      """;

  static QuickstartOptions parse(String... args) {
    String source = DEFAULT_SOURCE;
    String target = DEFAULT_TARGET;
    int rows = 100_000;
    int writers = 4;
    int seconds = 3;
    int rate = 1000;
    int backfillRate = 0;
    Phase until = Phase.TARGET_ONLY;
    boolean rollback = false;
    Optional<Path> report = Optional.empty();
    boolean help = false;
    Deque<String> rest = new ArrayDeque<>(List.of(args));
    while (!rest.isEmpty()) {
      String arg = rest.pop();
      switch (arg) {
        case "--source-url" -> source = value(arg, rest);
        case "--target-url" -> target = value(arg, rest);
        case "--rows" -> rows = number(arg, value(arg, rest), 10, 100_000_000);
        case "--writers" -> writers = number(arg, value(arg, rest), 1, 64);
        case "--seconds" -> seconds = number(arg, value(arg, rest), 1, 3600);
        case "--rate" -> rate = number(arg, value(arg, rest), 1, 1_000_000);
        case "--backfill-rate" -> backfillRate = number(arg, value(arg, rest), 0, 100_000_000);
        case "--until" -> until = phase(value(arg, rest));
        case "--rollback" -> rollback = true;
        case "--report" -> report = Optional.of(Path.of(value(arg, rest)));
        case "--help", "-h" -> help = true;
        default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
      }
    }
    return new QuickstartOptions(
        source, target, rows, writers, rate, seconds, backfillRate, until, rollback, report, help);
  }

  private static Phase phase(String value) {
    for (Phase phase : STOPS) {
      if (phase.name().equalsIgnoreCase(value)) {
        return phase;
      }
    }
    throw new IllegalArgumentException("--until must be one of " + STOPS + ", was '" + value + "'");
  }

  private static String value(String option, Deque<String> rest) {
    if (rest.isEmpty() || rest.peek().startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return rest.pop();
  }

  private static int number(String option, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        option + " must be a whole number from " + min + " to " + max + ", was '" + value + "'");
  }
}
