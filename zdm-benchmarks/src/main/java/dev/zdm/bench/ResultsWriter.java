package dev.zdm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a suite run as {@code results.json} (machine, mode, one object per benchmark) and {@code
 * summary.md} (a table of every summary line, then notes and charts), and renders the same table as
 * text for the console.
 */
final class ResultsWriter {

  private ResultsWriter() {}

  static void write(
      Path directory, Map<String, Object> run, List<BenchResult> results, List<String> failures)
      throws IOException {
    Files.createDirectories(directory);
    Map<String, Object> json = new LinkedHashMap<>(run);
    List<Object> benchmarks = new ArrayList<>();
    for (BenchResult result : results) {
      benchmarks.add(result.toJson());
    }
    json.put("benchmarks", benchmarks);
    json.put("failures", failures);
    Files.writeString(directory.resolve("results.json"), Json.write(json));
    Files.writeString(directory.resolve("summary.md"), summary(run, results, failures));
  }

  /** The Markdown summary: run description, one table row per line, notes, charts. */
  static String summary(Map<String, Object> run, List<BenchResult> results, List<String> failures) {
    StringBuilder md = new StringBuilder();
    md.append("# zdm benchmarks (").append(run.get("mode")).append(" run)\n\n");
    if (run.get("machine") instanceof Map<?, ?> machine) {
      md.append("Machine: ")
          .append(machine.get("cores"))
          .append(" cores, ")
          .append(gigabytes(machine.get("memory_bytes")))
          .append(", ")
          .append(machine.get("jvm"))
          .append(", ")
          .append(machine.get("os"))
          .append("; PostgreSQL ")
          .append(machine.get("postgresql"))
          .append(", MariaDB ")
          .append(machine.get("mariadb"))
          .append(".\n");
    }
    md.append("Load average (1/5/15 min) at start ")
        .append(run.get("load_average_start"))
        .append(", at end ")
        .append(run.get("load_average_end"))
        .append("; started ")
        .append(run.get("started"))
        .append(", took ")
        .append(run.get("seconds"))
        .append(" s.\n\n");
    md.append("| benchmark | measure | baseline | zdm | ratio | target | result |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (BenchResult result : results) {
      for (BenchResult.Line line : result.lines) {
        md.append("| ")
            .append(result.name)
            .append(" | ")
            .append(cell(line.label()))
            .append(" | ")
            .append(cell(line.baseline()))
            .append(" | ")
            .append(cell(line.zdm()))
            .append(" | ")
            .append(
                line.ratio() == null
                    ? ""
                    : String.format(Locale.ROOT, "%.2f", line.ratio())
                        + " ("
                        + cell(line.ratioMeaning())
                        + ")")
            .append(" | ")
            .append(cell(line.target()))
            .append(" | ")
            .append(verdict(line.verdict()))
            .append(" |\n");
      }
    }
    for (String failure : failures) {
      md.append("\nFAILED: ").append(failure).append('\n');
    }
    for (BenchResult result : results) {
      if (!result.notes.isEmpty() || !result.charts.isEmpty()) {
        md.append("\n**").append(result.name).append("**\n");
        for (String note : result.notes) {
          md.append("- ").append(note).append('\n');
        }
        for (String chart : result.charts) {
          md.append("- chart: [").append(chart).append("](").append(chart).append(")\n");
        }
      }
    }
    return md.toString();
  }

  private static String verdict(BenchResult.Verdict verdict) {
    return switch (verdict) {
      case PASS -> "pass";
      case MISS -> "**miss**";
      case INFO -> "";
    };
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }

  private static String gigabytes(Object bytes) {
    return bytes instanceof Number n
        ? String.format(Locale.ROOT, "%.1f GiB RAM", n.doubleValue() / (1L << 30))
        : "RAM unknown";
  }
}
