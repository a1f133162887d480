package dev.zdm.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickstartTest {

  private static String h2(String name) {
    return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
  }

  private static int run(ByteArrayOutputStream bytes, String... args) {
    return new Quickstart(new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .run(QuickstartOptions.parse(args));
  }

  @Test
  void replicatesLiveShopTrafficAndTheDatabasesEndUpEqual() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        run(
            bytes,
            "--source-url",
            h2("qs_src"),
            "--target-url",
            h2("qs_tgt"),
            "--seconds",
            "2",
            "--writers",
            "2");
    String output = bytes.toString(StandardCharsets.UTF_8);

    assertThat(status).as(output).isZero();
    assertThat(output)
        .contains("zdm quickstart: h2 -> h2")
        .contains("outbox drained: true")
        .containsPattern("customers +source +[\\d,]+ rows +target +[\\d,]+ rows +equal")
        .containsPattern("orders +source +[\\d,]+ rows +target +[\\d,]+ rows +equal")
        .contains("OK: the target equals the source");

    ByteArrayOutputStream again = new ByteArrayOutputStream();
    assertThat(
            run(
                again,
                "--source-url",
                h2("qs_src"),
                "--target-url",
                h2("qs_tgt"),
                "--seconds",
                "1"))
        .as("a second run against the same databases continues")
        .isZero();
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
  }
}
