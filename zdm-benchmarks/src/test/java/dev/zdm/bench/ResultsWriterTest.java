package dev.zdm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsWriterTest {

  @Test
  void jsonEscapesTextAndWritesNumbersListsAndNulls() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", "a \"quoted\" back\\slash\nline");
    value.put("whole", 3.0);
    value.put("fraction", 0.125);
    value.put("infinite", Double.POSITIVE_INFINITY);
    value.put("count", 7L);
    value.put("flag", true);
    value.put("nothing", null);
    value.put("numbers", List.of(1, 2.5));
    value.put("empty", Map.of());

    assertThat(Json.write(value))
        .isEqualTo(
            "{\n"
                + "  \"name\": \"a \\\"quoted\\\" back\\\\slash\\nline\",\n"
                + "  \"whole\": 3,\n"
                + "  \"fraction\": 0.125,\n"
                + "  \"infinite\": null,\n"
                + "  \"count\": 7,\n"
                + "  \"flag\": true,\n"
                + "  \"nothing\": null,\n"
                + "  \"numbers\": [1, 2.5],\n"
                + "  \"empty\": {}\n"
                + "}\n");
  }

  @Test
  void aResultPassesOnlyWhenEveryTargetedLinePasses() {
    BenchResult passing =
        new BenchResult("verify")
            .info("cross", "", "1 s", null, "")
            .target("pg", "2 s", "1 s", 0.5, "zdm/scans time", "<= 1.2", true);
    BenchResult missing =
        new BenchResult("backfill")
            .target("no writers", "1 s", "2 s", 0.5, "zdm/pg_dump rows/s", ">= 1.0", false)
            .target("other", "", "", 1.0, "", "", true);

    assertThat(passing.passed()).isTrue();
    assertThat(passing.headline().label()).isEqualTo("pg");
    assertThat(missing.passed()).isFalse();
    assertThat(new BenchResult("none").info("x", "", "", null, "").passed()).isNull();
    assertThat(missing.toJson())
        .containsEntry("name", "backfill")
        .containsEntry("ratio", 0.5)
        .containsEntry("target", ">= 1.0")
        .containsEntry("pass", false);
  }

  @Test
  void writesResultsJsonAndSummaryTableWithOneRowPerLine(@TempDir Path directory) throws Exception {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("mode", "quick");
    run.put("machine", Map.of("cores", 2, "jvm", "test JVM"));
    BenchResult result =
        new BenchResult("write-overhead")
            .parameter("writers", 8)
            .baseline("tx_per_s", 1000.0)
            .zdm("tx_per_s", 850.0)
            .target("throughput", "1,000 tx/s", "850 tx/s", 0.85, "zdm/plain", ">= 0.90", false)
            .info("p99 | latency", "1 ms", "2 ms", 2.0, "zdm/plain")
            .note("why it missed")
            .chart("chart.png");

    ResultsWriter.write(directory, run, List.of(result), List.of("relay: boom"));

    String json = Files.readString(directory.resolve("results.json"));
    assertThat(json)
        .contains("\"name\": \"write-overhead\"")
        .contains("\"writers\": 8")
        .contains("\"pass\": false")
        .contains("\"failures\": [\n    \"relay: boom\"\n  ]");
    String summary = Files.readString(directory.resolve("summary.md"));
    assertThat(summary)
        .contains(
            "| write-overhead | throughput | 1,000 tx/s | 850 tx/s | 0.85 (zdm/plain) |"
                + " >= 0.90 | **miss** |")
        .contains("| write-overhead | p99 \\| latency |")
        .contains("FAILED: relay: boom")
        .contains("- why it missed")
        .contains("[chart.png](chart.png)");
  }
}
