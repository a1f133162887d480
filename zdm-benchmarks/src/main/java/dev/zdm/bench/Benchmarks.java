package dev.zdm.bench;

import java.util.Arrays;

/**
 * Runs one of zdm's benchmark programs. Each measures zdm and the plain alternative in the same
 * run, on the local databases unless told otherwise, and prints both figures and their ratio.
 *
 * <pre>
 *   java -jar zdm-benchmarks/target/zdm-benchmarks.jar relay [--rate 1000] [--seconds 30]
 *   java -jar zdm-benchmarks/target/zdm-benchmarks.jar backfill [--rows 1000000] [--writers 4]
 *   java -jar zdm-benchmarks/target/zdm-benchmarks.jar write-overhead [--threads 8] [--rounds 5]
 *   java -jar zdm-benchmarks/target/zdm-benchmarks.jar verify [--rows 1000000] [--cross-rows 1000000]
 *   java -jar zdm-benchmarks/target/zdm-benchmarks.jar cutover [--rate 500] [--switches 5]
 *   java -jar zdm-benchmarks/target/zdm-benchmarks.jar shadow [--threads 4] [--target-delay-ms 50]
 * </pre>
 */
public final class Benchmarks {

  private Benchmarks() {}

  /**
   * Runs the benchmark named by the first argument.
   *
   * @param args the benchmark's name, then its options
   * @throws Exception when the benchmark fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help")) {
      System.out.println("usage: java -jar zdm-benchmarks.jar relay [options]");
      System.out.println("  relay     relay lag at a steady write rate, and drain throughput");
      System.out.println(
          "  backfill  zdm's backfill vs pg_dump | psql [--rows N] [--writers 0|4]"
              + " [--source postgres|mariadb]");
      System.out.println(
          "  write-overhead  write transactions through DualWriteDataSource vs a plain pool"
              + " [--threads N] [--seconds N] [--rounds N]");
      System.out.println(
          "  verify    zdm's verification vs count+hash scans [--rows N] [--cross-rows N]");
      System.out.println(
          "  cutover   write pause of cutover and rollback at a fixed write rate through"
              + " DualWriteDataSource [--rate N] [--switches N] [--settle S] [--writers N]");
      System.out.println(
          "  shadow    read latency through a plain pool vs DualWriteDataSource with shadow reads"
              + " at 100% to a slowed target [--threads N] [--seconds N] [--rounds N]"
              + " [--target-delay-ms N]");
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "relay" -> RelayBenchmark.run(BenchOptions.parse(rest));
      case "backfill" -> BackfillBenchmark.run(BenchOptions.parse(rest));
      case "write-overhead" -> WriteOverheadBenchmark.run(BenchOptions.parse(rest));
      case "verify" -> VerifyBenchmark.run(BenchOptions.parse(rest));
      case "cutover" -> CutoverBenchmark.run(BenchOptions.parse(rest));
      case "shadow" -> ShadowReadBenchmark.run(BenchOptions.parse(rest));
      default -> {
        System.err.println("unknown benchmark '" + args[0] + "'; try --help");
        System.exit(2);
      }
    }
  }
}
