package dev.zdm.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.ZdmException;
import java.math.BigDecimal;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RowKeyTest {

  @Provide
  Arbitrary<Object> keyValue() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(Object.class::cast),
        Arbitraries.strings().ofMaxLength(40).map(Object.class::cast),
        Arbitraries.bigDecimals().ofScale(3).map(Object.class::cast),
        Arbitraries.of(true, false).map(Object.class::cast));
  }

  @Property
  void writingThenReadingGivesAnEqualKey(
      @ForAll @Size(min = 1, max = 4) java.util.List<@From("keyValue") Object> values) {
    RowKey key = RowKey.of(values.toArray());
    RowKey back = RowKey.parseJson(key.toJson());
    assertThat(back).isEqualTo(key).hasSameHashCodeAs(key);
    assertThat(back.toJson()).isEqualTo(key.toJson());
  }

  @Test
  void readsWhatTheEnginesWrite() {
    // PostgreSQL json_build_array and MariaDB JSON_ARRAY put spaces after commas.
    RowKey key = RowKey.parseJson("[7, \"eu\", 1.50, true]");
    assertThat(key.values()).containsExactly(7L, "eu", new BigDecimal("1.50"), true);
    assertThat(RowKey.parseJson("[\"caf\\u00e9 \\\"q\\\" \\\\ \\n\"]").values())
        .containsExactly("café \"q\" \\ \n");
    assertThat(RowKey.parseJson("[12345678901234567890]").values())
        .containsExactly(new BigDecimal("12345678901234567890"));
  }

  @Test
  void numbersCompareByValueAsTheEnginesDo() {
    assertThat(RowKey.parseJson("[1.50]")).isEqualTo(RowKey.parseJson("[1.5]"));
    assertThat(RowKey.parseJson("[2.0]")).isEqualTo(RowKey.of(2));
    assertThat(RowKey.of(2)).isNotEqualTo(RowKey.of("2"));
  }

  @Test
  void uuidsAndSmallIntegersAreNormalised() {
    UUID id = UUID.randomUUID();
    assertThat(RowKey.of(id, (short) 3).values()).containsExactly(id.toString(), 3L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "[null]", "[1,]", "[1] x", "{\"a\":1}", "[\"open]", "[1 2]"})
  void malformedKeysAreRefusedWithoutEchoingThem(String json) {
    assertThatThrownBy(() -> RowKey.parseJson(json))
        .isInstanceOf(ZdmException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("open"));
  }
}
