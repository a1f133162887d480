package dev.zdm.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlTest {
  @Test
  void splitsOffCredentialsAndKeepsOtherParameters() {
    JdbcUrl url =
        JdbcUrl.parse(
            "jdbc:postgresql://db:5432/postgres?user=postgres&sslmode=disable&password=s%26cret");

    assertThat(url.scheme()).isEqualTo("jdbc:postgresql:");
    assertThat(url.authority()).isEqualTo("db:5432");
    assertThat(url.database()).isEqualTo("postgres");
    assertThat(url.user()).isEqualTo("postgres");
    assertThat(url.password()).isEqualTo("s&cret");
    assertThat(url.hasParameter("SSLMODE")).isTrue();
    assertThat(url).hasToString("jdbc:postgresql://db:5432/postgres?sslmode=disable");
  }

  @Test
  void replacesTheDatabaseAndKeepsTheRest() {
    JdbcUrl url =
        JdbcUrl.parse("jdbc:postgresql://db:5432/postgres?user=u&password=p w&sslmode=disable")
            .withDatabase("zdm_t_x");

    assertThat(url).hasToString("jdbc:postgresql://db:5432/zdm_t_x?sslmode=disable");
    assertThat(url.toStringWithCredentials())
        .isEqualTo("jdbc:postgresql://db:5432/zdm_t_x?sslmode=disable&user=u&password=p+w");
  }

  @Test
  void takesMariaDbParametersVerbatim() {
    JdbcUrl url = JdbcUrl.parse("jdbc:mariadb://db:3306?user=root&password=a%41");

    assertThat(url.database()).isEmpty();
    assertThat(url.password()).isEqualTo("a%41");
    assertThat(url.withDatabase("x").toStringWithCredentials())
        .isEqualTo("jdbc:mariadb://db:3306/x?user=root&password=a%41");
  }

  @Test
  void rejectsOtherShapesWithoutShowingThePassword() {
    assertThatThrownBy(() -> JdbcUrl.parse("postgres://db/x?password=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> JdbcUrl.parse("jdbc:postgresql:///x?password=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
  }

  @Test
  void redactsPasswordParameters() {
    assertThat(JdbcUrl.redact("a?user=u&PASSWORD=secret&x=1;password=other"))
        .isEqualTo("a?user=u&PASSWORD=***&x=1;password=***");
    assertThat(JdbcUrl.redact(null)).isNull();
  }
}
