package dev.zdm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  void escapesQuotesBackslashesAndControlCharactersOnly() {
    assertThat(JsonText.quote("a\"b\\c\nd\re\tf\u0001g é ✓"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g é ✓\"");
    assertThat(JsonText.quote("")).isEqualTo("\"\"");
  }

  @Test
  void appendsToTheBuilderItIsGiven() {
    StringBuilder out = new StringBuilder("{\"k\":");
    assertThat(JsonText.appendQuoted(out, "v")).isSameAs(out);
    assertThat(out).hasToString("{\"k\":\"v\"");
  }
}
