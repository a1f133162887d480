package dev.zdm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationNameTest {

  @Test
  void acceptsLowercaseNamesWithDigitsUnderscoresAndDashes() {
    assertThat(MigrationName.require("orders-to-pg_2")).isEqualTo("orders-to-pg_2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Orders", "1orders", "orders;drop", "ord ers", "ordérs"})
  void refusesNamesThatAreNotPortableIdentifiers(String bad) {
    assertThatThrownBy(() -> MigrationName.require(bad))
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("migration name");
  }

  @Test
  void refusesNamesLongerThanTheLimit() {
    assertThatThrownBy(() -> MigrationName.require("a".repeat(65)))
        .hasMessageContaining("1 to 64")
        .hasMessageContaining("a".repeat(65));
  }
}
