package dev.zdm.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart end to end on embedded H2 databases, with small sizes. */
class QuickstartTest {

  static String h2(String name) {
    return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=10000";
  }

  /** Runs the quickstart in this JVM and returns its exit status and output. */
  record Run(int status, String output) {}

  static Run run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        new Quickstart(new PrintStream(bytes, true, StandardCharsets.UTF_8))
            .run(QuickstartOptions.parse(args));
    return new Run(status, bytes.toString(StandardCharsets.UTF_8));
  }

  static String[] small(String source, String target, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--source-url",
                source,
                "--target-url",
                target,
                "--rows",
                "3000",
                "--seconds",
                "1",
                "--writers",
                "2",
                "--rate",
                "200"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  static void assertTablesEqual(String source, String target) throws SQLException {
    for (String table : ShopSchema.TABLES) {
      List<List<Object>> left = TableRows.read(source, table);
      assertThat(left).as("%s on the source", table).isNotEmpty();
      List<List<Object>> right = TableRows.read(target, table);
      List<List<Object>> onlySource = new ArrayList<>(left);
      onlySource.removeAll(right);
      List<List<Object>> onlyTarget = new ArrayList<>(right);
      onlyTarget.removeAll(left);
      assertThat(onlySource)
          .as("%s rows only on the source (target has %s)", table, onlyTarget)
          .isEmpty();
      assertThat(right).as(table).isEqualTo(left);
    }
  }

  @Test
  void stopsAtTargetPrimaryWithEqualTablesThenASecondRunFinishes() throws SQLException {
    String source = h2("qs_until_src");
    String target = h2("qs_until_tgt");

    Run first = run(small(source, target, "--until", "TARGET_PRIMARY"));

    assertThat(first.status()).as(first.output()).isZero();
    assertThat(first.output())
        .contains("zdm quickstart: h2 -> h2")
        .contains("seeded the source: 3,000 rows")
        .contains("DUAL_WRITE: capture on the source")
        .containsPattern("backfill 100.0% +[\\d,]+ rows copied")
        .containsPattern("clean: [\\d,]+ rows compared in \\d+ ms, 0 differences")
        .contains("SHADOW: backfill done and verified")
        .containsPattern("shadow reads   1 in 10 of the shop's reads, so far [\\d,]+ compared")
        .containsPattern("cutover: fenced switch to the target: write pause \\d+ ms")
        .contains("stopped after TARGET_PRIMARY as asked")
        // the shop's reads in SHADOW were compared on the target, and the target agreed
        .containsPattern(
            "shadow reads \\(1 in 10\\) +[\\d,]+ compared with the target: [1-9][\\d,]*"
                + " matches, 0 mismatches")
        .contains("differences found            0 (verifications 0, shadow-read mismatches 0)")
        .contains("requests failed              0")
        .contains("dead letters                 0")
        .containsPattern("write pause at cutover +\\d+ ms \\(SHADOW -> TARGET_PRIMARY\\)")
        .contains("phase                        TARGET_PRIMARY")
        .doesNotContain("TARGET_ONLY: capture removed");
    // the relays drained when the traffic stopped: both sides hold the same rows
    assertTablesEqual(source, target);

    Run behind = run(small(source, target, "--until", "SHADOW"));
    assertThat(behind.status()).as(behind.output()).isZero();
    assertThat(behind.output())
        .contains("the migration is at TARGET_PRIMARY, past --until SHADOW: nothing to do");

    Run second = run(small(source, target));

    assertThat(second.status()).as(second.output()).isZero();
    assertThat(second.output())
        .contains("continuing the migration from TARGET_PRIMARY")
        .doesNotContain("seeded the source")
        .doesNotContain("backfill:")
        .contains("verification target -> source")
        .contains("TARGET_ONLY: capture removed on both sides")
        .contains("shadow reads                 none: SHADOW was not part of this run")
        .contains("OK: every verification clean, no request failed");

    Run third = run(small(source, target));
    assertThat(third.status()).as(third.output()).isZero();
    assertThat(third.output()).contains("the migration is finished already (TARGET_ONLY)");
  }

  @Test
  void rollsBackAfterTheCutoverCutsOverAgainAndReportsAsJson(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("summary.json");

    Run run =
        run(small(h2("qs_rb_src"), h2("qs_rb_tgt"), "--rollback", "--report", report.toString()));

    assertThat(run.status()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("rolled back to DUAL_WRITE")
        .containsPattern("write pause at rollback +\\d+ ms \\(TARGET_PRIMARY -> DUAL_WRITE\\)")
        .containsPattern("write pause at cutover +\\d+ ms \\(DUAL_WRITE -> TARGET_PRIMARY\\)")
        .contains("TARGET_ONLY: capture removed on both sides")
        .contains("report written to " + report);
    String json = Files.readString(report);
    assertThat(json)
        .startsWith("{\"source\":\"h2\",\"target\":\"h2\",\"phase\":\"TARGET_ONLY\",\"ok\":true,")
        .containsPattern("\"backfill\":\\{\"rowsCopied\":([3-9]\\d{3}|\\d{5,}),")
        .containsPattern("\"requests\":\\{\"served\":[1-9]\\d*,")
        .contains("\"failed\":0,\"firstFailure\":null")
        .containsPattern(
            "\"switches\":\\[\\{\"from\":\"SHADOW\",\"to\":\"TARGET_PRIMARY\",\"writePauseMs\":\\d+"
                + ".*\\{\"from\":\"TARGET_PRIMARY\",\"to\":\"DUAL_WRITE\",.*"
                + "\\{\"from\":\"DUAL_WRITE\",\"to\":\"TARGET_PRIMARY\",.*\\]")
        .containsPattern(
            "\"verifications\":\\[\\{\"direction\":\"source -> target\",\"outcome\":\"clean\","
                + ".*\\{\"direction\":\"source -> target\",\"outcome\":\"clean\","
                + ".*\\{\"direction\":\"target -> source\",\"outcome\":\"clean\",")
        .containsPattern(
            "\"shadowReads\":\\{\"shadowed\":true,\"sampleOneIn\":10,\"compared\":[1-9]\\d*,"
                + "\"matches\":[1-9]\\d*,\"mismatches\":0,")
        .contains("\"differencesFound\":0,\"deadLetters\":0,\"error\":null}");
  }

  /**
   * A target that answers differently is a mismatch, not lag: after a first run stopped in SHADOW,
   * every customer's name is changed on the target alone (with zdm's writer marker, past the
   * fence); the shop's reads in the second run's SHADOW are compared, the difference outlasts every
   * re-read, and the run ends NOT OK with the mismatches among the differences found.
   */
  @Test
  void aTargetThatAnswersDifferentlyIsAMismatchAndNotOk(@TempDir Path dir) throws Exception {
    String source = h2("qs_mm_src");
    String target = h2("qs_mm_tgt");
    Run first = run(small(source, target, "--until", "SHADOW"));
    assertThat(first.status()).as(first.output()).isZero();
    try (Connection connection = DriverManager.getConnection(target);
        Statement statement = connection.createStatement()) {
      statement.execute("SET @zdm_writer = 'on'");
      statement.executeUpdate("UPDATE customers SET name = name || ' (target)'");
    }
    Path report = dir.resolve("summary.json");

    // Few writes over 600 customers, so that the source seldom changes a customer's orders under
    // a read before its re-reads end (a change makes that read inconclusive: skipped, not a
    // mismatch); at 20 reads a second, 4 reads are compared, each a mismatch with odds above 80%.
    Run second =
        run(
            small(
                source,
                target,
                "--until",
                "SHADOW",
                "--seconds",
                "2",
                "--rate",
                "40",
                "--report",
                report.toString()));

    assertThat(second.status()).as(second.output()).isEqualTo(1);
    assertThat(second.output())
        .contains("continuing the migration from SHADOW")
        .containsPattern(
            "shadow reads \\(1 in 10\\) +[\\d,]+ compared with the target: \\d+ matches, [1-9]")
        .containsPattern(
            "differences found +([1-9][\\d,]*) \\(verifications 0, shadow-read mismatches \\1\\)")
        .containsPattern("NOT OK: shadow reads found [1-9][\\d,]* mismatches");
    assertThat(Files.readString(report))
        .contains("\"ok\":false")
        .containsPattern("\"mismatches\":([1-9]\\d*),.*\"differencesFound\":\\1,");
  }

  @Test
  void aDatabaseItCannotReachIsAClearFailureInTheReport(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("summary.json");

    Run run =
        run(
            "--source-url",
            "jdbc:postgresql://127.0.0.1:1/nowhere",
            "--target-url",
            h2("qs_bad_tgt"),
            "--report",
            report.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.output()).startsWith("FAILED: ");
    assertThat(Files.readString(report)).contains("\"ok\":false").doesNotContain("\"error\":null");
  }

  @Test
  void refusesABadCommandLine() {
    assertThatThrownBy(() -> QuickstartOptions.parse("--source-url"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--source-url needs a value");
    assertThatThrownBy(() -> QuickstartOptions.parse("--nope"))
        .hasMessageContaining("unknown option '--nope'");
    assertThatThrownBy(() -> QuickstartOptions.parse("--writers", "0"))
        .hasMessageContaining("--writers must be a whole number from 1 to 64, was '0'");
    assertThatThrownBy(() -> QuickstartOptions.parse("--until", "CUTOVER"))
        .hasMessageContaining(
            "--until must be one of [DUAL_WRITE, SHADOW, TARGET_PRIMARY, TARGET_ONLY]");
  }
}
