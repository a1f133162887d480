package dev.zdm.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void documentsThatJsonbWouldStoreAlikeAreEqual() {
    assertThat(CanonicalJson.of("{\"b\": [1, 2.50, -0, \"x\\u00e9\"], \"a\": null}"))
        .isEqualTo(CanonicalJson.of("{\"a\":null,\"b\":[1,2.5,0,\"xé\"]}"))
        .isEqualTo("{\"a\":null,\"b\":[1,2.5,0,\"xé\"]}");
    assertThat(CanonicalJson.of("{\"dup\": 1, \"dup\": 2}")).isEqualTo("{\"dup\":2}");
    assertThat(CanonicalJson.of(" 1e2 ")).isEqualTo(CanonicalJson.of("100"));
  }

  @Test
  void differentDocumentsStayDifferent() {
    assertThat(CanonicalJson.of("{\"a\":\"x \"}")).isNotEqualTo(CanonicalJson.of("{\"a\":\"x\"}"));
    assertThat(CanonicalJson.of("[1,2]")).isNotEqualTo(CanonicalJson.of("[2,1]"));
    assertThat(CanonicalJson.of("\"1\"")).isNotEqualTo(CanonicalJson.of("1"));
    assertThat(CanonicalJson.of("{\"a\":\"e\\u0301\"}"))
        .isNotEqualTo(CanonicalJson.of("{\"a\":\"é\"}"));
  }

  @Test
  void textThatIsNotJsonIsKeptAndMarked() {
    assertThat(CanonicalJson.of("{oops")).isEqualTo("!{oops");
    assertThat(CanonicalJson.of("[1] trailing")).isEqualTo("![1] trailing");
  }
}
