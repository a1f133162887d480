package dev.zdm.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatabaseNameTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void hasPrefixLabelEpochAndRandomSuffix() {
    String name = DatabaseName.generate("Orders-V2!", NOW, new Random(1));

    assertThat(name)
        .matches("zdm_t_orders_v2__[0-9a-z]+_[0-9a-z]{6}")
        .contains("_" + Long.toString(NOW.getEpochSecond(), 36) + "_");
    assertThat(DatabaseName.createdAt(name)).contains(NOW);
  }

  @Test
  void truncatesLongLabelsToSixtyThreeCharacters() {
    String name = DatabaseName.generate("x".repeat(200), NOW, new Random(2));

    assertThat(name).hasSize(DatabaseName.MAX_LENGTH).matches("[a-z0-9_]+");
    assertThat(DatabaseName.createdAt(name)).contains(NOW);
  }

  @Test
  void emptyOrNullLabelBecomesDb() {
    assertThat(DatabaseName.generate("", NOW, new Random(3))).startsWith("zdm_t_db_");
    assertThat(DatabaseName.generate(null, NOW, new Random(3))).startsWith("zdm_t_db_");
  }

  @Test
  void labelsWithUnderscoresStillYieldTheEpoch() {
    String name = DatabaseName.generate("a_b_c", NOW, new Random(4));

    assertThat(DatabaseName.createdAt(name)).contains(NOW);
  }

  @Test
  void namesAreUnique() {
    Set<String> names = new HashSet<>();
    Random random = new Random(5);
    for (int i = 0; i < 10_000; i++) {
      names.add(DatabaseName.generate("db", NOW, random));
    }
    assertThat(names).hasSize(10_000);
  }

  @Test
  void otherNamesHaveNoCreationTime() {
    assertThat(DatabaseName.createdAt("postgres")).isEmpty();
    assertThat(DatabaseName.createdAt("zdm_t_manual")).isEmpty();
    assertThat(DatabaseName.createdAt("zdm_t_db_zzzzzzzzzzzzzzzzzzzz_abcdef")).isEmpty();
  }
}
