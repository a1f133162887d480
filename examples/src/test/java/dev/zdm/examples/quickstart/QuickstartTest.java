package dev.zdm.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickstartTest {

  private String run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        new Quickstart(new PrintStream(bytes, true, StandardCharsets.UTF_8))
            .run(QuickstartOptions.parse(args));
    assertThat(status).as("exit status").isZero();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void preparesBothEmbeddedDatabasesAndASecondRunIsANoOp() {
    String output =
        run(
            "--source-url", "jdbc:h2:mem:qs_src;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE",
            "--target-url", "jdbc:h2:mem:qs_tgt;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
    assertThat(output).contains("source: h2 database", "installed zdm schema version 0 -> 4");
    assertThat(output).contains("installing again: no-op (version 4)");

    String again =
        run(
            "--source-url", "jdbc:h2:mem:qs_src;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE",
            "--target-url", "jdbc:h2:mem:qs_tgt;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
    assertThat(again).contains("zdm schema already at version 4");
  }

  @Test
  void refusesAnUnknownOption() {
    assertThatThrownBy(() -> QuickstartOptions.parse("--source-url"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--source-url needs a value");
    assertThatThrownBy(() -> QuickstartOptions.parse("--nope"))
        .hasMessageContaining("unknown option '--nope'");
  }
}
