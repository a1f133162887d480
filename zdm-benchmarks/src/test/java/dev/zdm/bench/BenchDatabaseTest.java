package dev.zdm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchDatabaseTest {

  @Test
  void replacesTheDatabaseAndKeepsTheParameters() {
    assertThat(
            BenchDatabase.withDatabase("jdbc:postgresql://127.0.0.1:5432/test?user=postgres", "b"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/b?user=postgres");
    assertThat(BenchDatabase.withDatabase("jdbc:postgresql://127.0.0.1:5432/test", "b"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/b");
  }

  @Test
  void addsADatabaseToAUrlThatNamesNone() {
    assertThat(BenchDatabase.withDatabase("jdbc:mariadb://127.0.0.1:3306", "b"))
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/b");
    assertThat(BenchDatabase.withDatabase("jdbc:mariadb://127.0.0.1:3306/?user=root", "b"))
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/b?user=root");
    assertThat(BenchDatabase.withDatabase("jdbc:mariadb://127.0.0.1:3306?user=root", "b"))
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/b?user=root");
  }

  @Test
  void refusesAUrlWithoutAHost() {
    assertThatThrownBy(() -> BenchDatabase.withDatabase("jdbc:h2:mem:x", "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("//host");
  }
}
