package dev.zdm.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart as its own JVM on H2 file databases, stopped in the middle of the backfill, once
 * by SIGKILL (kill -9: nothing runs, the databases are left as they were) and once by SIGTERM (the
 * shutdown hook Ctrl-C also runs), and started again with the same arguments each time: it resumes
 * the backfill from its checkpoints and finishes with exit 0.
 */
class QuickstartProcessTest {

  private static final Pattern PROGRESS =
      Pattern.compile("backfill +(\\d+\\.\\d)% +([\\d,]+) of ~");

  @Test
  void killedInTheBackfillThenRunAgainResumesAndFinishes(@TempDir Path dir) throws Exception {
    String source = h2File(dir.resolve("source"));
    String target = h2File(dir.resolve("target"));

    // kill -9 once some rows are checkpointed
    Started first = Started.of(args(source, target));
    first.awaitProgressAbove(0);
    long killedAt = first.lastCopied();
    first.process.destroyForcibly();
    assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.output()).doesNotContain("OK:").doesNotContain("summary");

    // the same arguments: continues from DUAL_WRITE; stopped by SIGTERM in the backfill
    Started second = Started.of(args(source, target));
    second.awaitProgressAbove(-1);
    assertThat(second.output())
        .contains("continuing the migration from DUAL_WRITE")
        .doesNotContain("seeded the source");
    assertThat(second.firstCopied())
        .as("rows already copied when the second run's backfill starts\n%s", second.output())
        .isGreaterThanOrEqualTo(killedAt)
        .isPositive();
    // SIGTERM through the handle: Process.destroy() would also close the output pipe
    second.process.toHandle().destroy();
    assertThat(second.process.waitFor(Quickstart.STOP_WAIT.toSeconds() + 10, TimeUnit.SECONDS))
        .as(second.output())
        .isTrue();
    second.drain();
    assertThat(second.output())
        .containsPattern(
            "stopped by request during the backfill at \\d+\\.\\d% \\([\\d,]+ rows copied and"
                + " checkpointed\\); state is kept in the databases: run again with the same"
                + " arguments to continue");

    // and again: it finishes
    Started third = Started.of(args(source, target));
    assertThat(third.process.waitFor(180, TimeUnit.SECONDS)).as(third.output()).isTrue();
    third.drain();
    assertThat(third.process.exitValue()).as(third.output()).isZero();
    assertThat(third.output())
        .contains("continuing the migration from DUAL_WRITE")
        .containsPattern("clean: [\\d,]+ rows compared in \\d+ ms, 0 differences")
        .containsPattern("cutover: fenced switch to the target: write pause \\d+ ms")
        .contains("stopped after TARGET_PRIMARY as asked")
        .contains("requests failed              0")
        .contains("dead letters                 0")
        .contains("OK: every verification clean, no request failed");
    if (third.firstCopied() >= 0) { // the backfill may have finished before the first line
      assertThat(third.firstCopied()).as(third.output()).isPositive();
    }
    // the relays drained when the traffic stopped: both sides hold the same rows
    QuickstartTest.assertTablesEqual(source, target);
  }

  /**
   * WRITE_DELAY=0: H2 otherwise writes commits to the file up to half a second later, so SIGKILL
   * loses the last commits of one database but not the other's (a delete the relay already applied
   * to the target comes back on the source, and the row is missing on the target).
   */
  private static String h2File(Path path) {
    return "jdbc:h2:file:" + path + ";DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
  }

  private static List<String> args(String source, String target) {
    return List.of(
        "--source-url",
        source,
        "--target-url",
        target,
        "--rows",
        "30000",
        "--seconds",
        "1",
        "--writers",
        "2",
        "--rate",
        "200",
        // about 10 s of backfill, so that it is surely stopped in the middle
        "--backfill-rate",
        "3000",
        // after TARGET_ONLY the source is left behind by design; here both sides can be compared
        "--until",
        "TARGET_PRIMARY");
  }

  /** A quickstart JVM and what it printed so far. */
  private static final class Started {
    final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private Started(Process process) {
      this.process = process;
      this.reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                  }
                } catch (IOException e) {
                  output.append("(output ended: ").append(e).append(")\n");
                }
              },
              "quickstart-output");
      reader.setDaemon(true);
      reader.start();
    }

    static Started of(List<String> args) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Quickstart.class.getName());
      command.addAll(args);
      return new Started(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    String output() {
      return output.toString();
    }

    void drain() throws InterruptedException {
      reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** Waits for a progress line with more than {@code rows} rows copied. */
    void awaitProgressAbove(long rows) {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(100))
          .failFast(
              "the quickstart ended before the backfill was under way", () -> !process.isAlive())
          .until(() -> lastCopied() > rows);
    }

    long firstCopied() {
      List<Long> all = copied();
      return all.isEmpty() ? -1 : all.get(0);
    }

    long lastCopied() {
      List<Long> all = copied();
      return all.isEmpty() ? -1 : all.get(all.size() - 1);
    }

    private List<Long> copied() {
      List<Long> rows = new ArrayList<>();
      Matcher m = PROGRESS.matcher(output());
      while (m.find()) {
        rows.add(Long.parseLong(m.group(2).replace(",", "")));
      }
      return rows;
    }
  }
}
