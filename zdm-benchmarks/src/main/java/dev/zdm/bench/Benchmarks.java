package dev.zdm.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs zdm's benchmark suite, or one benchmark of it. Each measures zdm and the plain alternative
 * in the same run, on the local databases unless told otherwise (ZDM_TEST_POSTGRES_URL,
 * ZDM_TEST_MARIADB_URL, or {@code --postgres-url} / {@code --mariadb-url}), prints its figures, and
 * the run writes {@code target/zdm-bench/results.json}, {@code summary.md} and the charts (relative
 * to the working directory; {@code --out DIR} moves them).
 *
 * <pre>
 *   java -jar zdm-benchmarks/target/zdm-benchmarks.jar all [--quick | --full]
 *   java -jar zdm-benchmarks/target/zdm-benchmarks.jar write-overhead [--quick] [--threads 8]
 * </pre>
 */
public final class Benchmarks {

  /** The suite, in the order {@code all} runs it. A new benchmark joins with one line here. */
  static final List<Benchmark> SUITE =
      List.of(
          new WriteOverheadBenchmark(),
          new RelayBenchmark(),
          new BackfillBenchmark(),
          new VerifyBenchmark(),
          new CutoverBenchmark(),
          new ShadowReadBenchmark(),
          new MemoryBenchmark());

  private Benchmarks() {}

  /**
   * Runs {@code all} or the benchmark named by the first argument, then writes the results.
   *
   * @param args {@code all} or a benchmark's name, then options
   * @throws Exception when a single benchmark fails (with {@code all}, failures are recorded and
   *     the run goes on; the exit status is 1 if any failed)
   */
  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    if (args.length == 0 || args[0].equals("--help")) {
      usage();
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    List<Benchmark> chosen;
    if (args[0].equals("all")) {
      chosen = SUITE;
    } else {
      chosen = SUITE.stream().filter(b -> b.name().equals(args[0])).toList();
      if (chosen.isEmpty()) {
        System.err.println("unknown benchmark '" + args[0] + "'; try --help");
        System.exit(2);
      }
    }
    BenchOptions options = BenchOptions.parse(rest);
    Path output = Path.of(options.outputDirectory());
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("command", String.join(" ", args));
    run.put("mode", options.quick() ? "quick" : "full");
    run.put("started", Instant.now().toString());
    run.put("load_average_start", Machine.loadAverage());
    run.put("machine", Machine.describe(options));
    long start = System.nanoTime();
    List<BenchResult> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Benchmark benchmark : chosen) {
      System.out.printf("%n=== %s ===%n", benchmark.name());
      String loadBefore = Machine.loadAverage();
      long benchStart = System.nanoTime();
      try {
        BenchResult result = benchmark.run(options, output);
        result.extra.put("seconds", Math.round((System.nanoTime() - benchStart) / 1e8) / 10.0);
        result.extra.put("load_average_start", loadBefore);
        result.extra.put("load_average_end", Machine.loadAverage());
        results.add(result);
      } catch (Exception e) {
        if (chosen.size() == 1) {
          throw e;
        }
        failures.add(benchmark.name() + ": " + e);
        e.printStackTrace();
      }
    }
    run.put("load_average_end", Machine.loadAverage());
    run.put("seconds", Math.round((System.nanoTime() - start) / 1e9));
    ResultsWriter.write(output, run, results, failures);
    System.out.printf("%n%s", ResultsWriter.summary(run, results, failures));
    System.out.printf(
        "%nwrote %s, summary.md and the charts%n", output.resolve("results.json").toAbsolutePath());
    if (!failures.isEmpty()) {
      System.exit(1);
    }
  }

  private static void usage() {
    System.out.println(
        "usage: java -jar zdm-benchmarks.jar all|<benchmark> [--quick|--full] [--out DIR]"
            + " [--postgres-url URL] [--mariadb-url URL] [options]");
    System.out.println("  all             every benchmark below, in order");
    for (Benchmark benchmark : SUITE) {
      System.out.printf("  %-15s %s%n", benchmark.name(), benchmark.usage());
    }
  }
}
