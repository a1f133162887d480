package dev.zdm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void quickPicksTheSmallDefaultsAndExplicitValuesWin() {
    BenchOptions quick = BenchOptions.parse("--quick", "--rows", "123");
    BenchOptions full = BenchOptions.parse("--full");

    assertThat(quick.quick()).isTrue();
    assertThat(quick.number("rows", 1_000_000, 50_000)).isEqualTo(123);
    assertThat(quick.number("rounds", 5, 3)).isEqualTo(3);
    assertThat(full.number("rounds", 5, 3)).isEqualTo(5);
    assertThat(full.outputDirectory()).isEqualTo("target/zdm-bench");
  }

  @Test
  void refusesAnOptionWithoutAValue() {
    assertThatThrownBy(() -> BenchOptions.parse("--rows"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected --name value, got '--rows'");
  }

  @Test
  void pgDumpGetsHostPortUserAndPasswordFromTheJdbcUrl() {
    assertThat(
            BackfillBenchmark.libpqEnvironment(
                "jdbc:postgresql://db.example:6543/test?user=bench&password=secret"))
        .containsEntry("PGHOST", "db.example")
        .containsEntry("PGPORT", "6543")
        .containsEntry("PGUSER", "bench")
        .containsEntry("PGPASSWORD", "secret");
    assertThat(BackfillBenchmark.libpqEnvironment("jdbc:postgresql://127.0.0.1/test"))
        .containsEntry("PGPORT", "5432")
        .doesNotContainKey("PGUSER");
  }
}
