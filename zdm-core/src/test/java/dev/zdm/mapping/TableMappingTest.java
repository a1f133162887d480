package dev.zdm.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.ZdmException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableMappingTest {

  @Test
  void defaultsToTheSameTableWithEveryColumnCopied() {
    TableMapping mapping = TableMapping.identity("orders");

    assertThat(mapping.sourceTable()).isEqualTo("orders");
    assertThat(mapping.targetTable()).isEqualTo("orders");
    assertThat(mapping.sourceSchema()).isEmpty();
    assertThat(mapping.targetSchema()).isEmpty();
    assertThat(mapping.renames()).isEmpty();
    assertThat(mapping.drops()).isEmpty();
    assertThat(mapping.computed()).isEmpty();
  }

  @Test
  void keepsEverySettingInTheOrderGiven() {
    Function<RowValues, Object> full = row -> row.get("given") + " " + row.get("family");
    TableMapping mapping =
        TableMapping.builder("people")
            .sourceSchema("legacy")
            .targetTable("persons")
            .targetSchema("public")
            .rename("first", "given")
            .rename("last", "family")
            .drop("flags")
            .compute("full_name", full)
            .build();

    assertThat(mapping.targetTable()).isEqualTo("persons");
    assertThat(mapping.sourceSchema()).contains("legacy");
    assertThat(mapping.targetSchema()).contains("public");
    assertThat(mapping.renames())
        .containsExactly(
            java.util.Map.entry("first", "given"), java.util.Map.entry("last", "family"));
    assertThat(mapping.drops()).containsExactly("flags");
    assertThat(mapping.computed()).containsEntry("full_name", full);
  }

  @Test
  void isImmutableAfterBuild() {
    TableMapping.Builder builder = TableMapping.builder("t").rename("a", "b");
    TableMapping mapping = builder.build();
    builder.drop("c");

    assertThat(mapping.drops()).isEmpty();
    assertThatThrownBy(() -> mapping.renames().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", " padded", "tab\tbed"})
  void aBadTableNameIsRefusedWithPropertyAndValue(String name) {
    assertThatThrownBy(() -> TableMapping.builder(name).build())
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("sourceTable")
        .hasMessageContaining("was '");
  }

  @Test
  void aNullTableNameIsRefused() {
    assertThatThrownBy(() -> TableMapping.builder(null).build())
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("sourceTable must not be empty, was 'null'");
  }

  @Test
  void aTooLongNameIsRefused() {
    String longName = "c".repeat(129);
    assertThatThrownBy(() -> TableMapping.builder("t").drop(longName).build())
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("drop must be at most 128 characters")
        .hasMessageContaining(longName);
  }

  @Test
  void conflictingSettingsAreRefusedNamingTheColumn() {
    assertThatThrownBy(() -> TableMapping.builder("t").rename("a", "b").rename("a", "c").build())
        .hasMessageContaining("renames source column 'a' twice");
    assertThatThrownBy(() -> TableMapping.builder("t").rename("a", "x").rename("b", "x").build())
        .hasMessageContaining("renames two source columns to the same target column, was 'x'");
    assertThatThrownBy(() -> TableMapping.builder("t").rename("a", "a").build())
        .hasMessageContaining("renames a column to itself");
    assertThatThrownBy(() -> TableMapping.builder("t").rename("a", "b").drop("a").build())
        .hasMessageContaining("renames a column that drop() also drops, was 'a'");
    assertThatThrownBy(
            () -> TableMapping.builder("t").rename("a", "b").compute("b", row -> 1).build())
        .hasMessageContaining("names a target column that compute() also fills, was 'b'");
    assertThatThrownBy(
            () -> TableMapping.builder("t").compute("c", row -> 1).compute("c", row -> 2).build())
        .hasMessageContaining("computes the same target column twice, was 'c'");
    assertThatThrownBy(() -> TableMapping.builder("t").compute("c", null).build())
        .hasMessageContaining("compute needs a function for column 'c'");
  }
}
