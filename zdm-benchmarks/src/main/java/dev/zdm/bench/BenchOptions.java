package dev.zdm.bench;

import java.util.HashMap;
import java.util.Map;

/** Options of the benchmark programs: {@code --name value} pairs with defaults. */
final class BenchOptions {

  private final Map<String, String> values;

  private BenchOptions(Map<String, String> values) {
    this.values = values;
  }

  static BenchOptions parse(String... args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
      }
      values.put(args[i].substring(2), args[++i]);
    }
    return new BenchOptions(values);
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int number(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }

  String postgresUrl() {
    return text(
        "postgres-url",
        System.getenv()
            .getOrDefault(
                "ZDM_TEST_POSTGRES_URL",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"));
  }
}
