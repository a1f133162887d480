package dev.zdm.examples.quickstart;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The quickstart's command line. Defaults need nothing installed: two embedded H2 databases. */
record QuickstartOptions(String sourceUrl, String targetUrl, boolean help) {

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
        --help             print this text
      """;

  static QuickstartOptions parse(String... args) {
    String source = DEFAULT_SOURCE;
    String target = DEFAULT_TARGET;
    boolean help = false;
    Deque<String> rest = new ArrayDeque<>(List.of(args));
    while (!rest.isEmpty()) {
      String arg = rest.pop();
      switch (arg) {
        case "--source-url" -> source = value(arg, rest);
        case "--target-url" -> target = value(arg, rest);
        case "--help", "-h" -> help = true;
        default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
      }
    }
    return new QuickstartOptions(source, target, help);
  }

  private static String value(String option, Deque<String> rest) {
    if (rest.isEmpty() || rest.peek().startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return rest.pop();
  }
}
