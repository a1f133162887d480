package dev.zdm.examples.quickstart;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The quickstart's command line. Defaults need nothing installed: two embedded H2 databases. */
record QuickstartOptions(
    String sourceUrl, String targetUrl, int writers, int rate, int seconds, boolean help) {

  static final String DEFAULT_SOURCE =
      "jdbc:h2:mem:zdm_source;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
  static final String DEFAULT_TARGET =
      "jdbc:h2:mem:zdm_target;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";

  static final String USAGE =
      """
      usage: java -jar examples/target/zdm-quickstart.jar [options]

        --source-url URL   JDBC URL of the source database, credentials in the URL
                           (default: an embedded H2 database)
        --target-url URL   JDBC URL of the target database (default: a second embedded H2)
        --writers N        concurrent application writers (default 4)
        --rate N           application transactions per second, all writers together
                           (default 1000)
        --seconds N        how long the application writes (default 5)
        --help             print this text
      """;

  static QuickstartOptions parse(String... args) {
    String source = DEFAULT_SOURCE;
    String target = DEFAULT_TARGET;
    int writers = 4;
    int seconds = 5;
    int rate = 1000;
    boolean help = false;
    Deque<String> rest = new ArrayDeque<>(List.of(args));
    while (!rest.isEmpty()) {
      String arg = rest.pop();
      switch (arg) {
        case "--source-url" -> source = value(arg, rest);
        case "--target-url" -> target = value(arg, rest);
        case "--writers" -> writers = number(arg, value(arg, rest), 1, 64);
        case "--seconds" -> seconds = number(arg, value(arg, rest), 1, 3600);
        case "--rate" -> rate = number(arg, value(arg, rest), 1, 1_000_000);
        case "--help", "-h" -> help = true;
        default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
      }
    }
    return new QuickstartOptions(source, target, writers, rate, seconds, help);
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
