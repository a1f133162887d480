package dev.zdm.bench;

/**
 * One benchmark of the suite: measures zdm and its plain baseline in the same run and returns the
 * figures. Implementations print their own progress and detail; {@link Benchmarks} collects the
 * results into results.json, summary.md and the charts. A new benchmark joins the suite with one
 * line in {@link Benchmarks#SUITE}.
 */
interface Benchmark {

  /** The subcommand name, e.g. {@code write-overhead}. */
  String name();

  /** One line for {@code --help}: what it compares and its options. */
  String usage();

  /**
   * Runs the benchmark.
   *
   * @param options sizes and URLs; {@link BenchOptions#quick()} asks for the small sizes
   * @param output where to write charts, if the benchmark draws any
   * @return the figures, with the baseline and zdm side by side
   * @throws Exception when the benchmark cannot run (a database or tool missing, a check failed)
   */
  BenchResult run(BenchOptions options, java.nio.file.Path output) throws Exception;
}
