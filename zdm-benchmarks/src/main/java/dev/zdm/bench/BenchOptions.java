package dev.zdm.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * Options of the benchmark programs: {@code --name value} pairs with defaults, and the flags {@code
 * --quick} (small sizes, the whole suite in under two minutes) and {@code --full} (the issue's
 * sizes, the default).
 */
final class BenchOptions {

  private final Map<String, String> values;
  private final boolean quick;

  private BenchOptions(Map<String, String> values, boolean quick) {
    this.values = values;
    this.quick = quick;
  }

  static BenchOptions parse(String... args) {
    Map<String, String> values = new HashMap<>();
    boolean quick = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--quick") || args[i].equals("--full")) {
        quick = args[i].equals("--quick");
        continue;
      }
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
      }
      values.put(args[i].substring(2), args[++i]);
    }
    return new BenchOptions(values, quick);
  }

  boolean quick() {
    return quick;
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int number(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }

  /** A number option whose default depends on {@code --quick}. */
  int number(String name, int full, int quickDefault) {
    return number(name, quick ? quickDefault : full);
  }

  /** Where the run writes results.json, summary.md and the charts. */
  String outputDirectory() {
    return text("out", "target/zdm-bench");
  }

  String postgresUrl() {
    return text(
        "postgres-url",
        System.getenv()
            .getOrDefault(
                "ZDM_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
  }

  String mariaDbUrl() {
    return text(
        "mariadb-url",
        System.getenv()
            .getOrDefault(
                "ZDM_TEST_MARIADB_URL",
                "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=&sslMode=disable"));
  }
}
