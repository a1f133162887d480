package dev.zdm.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.ZdmException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowMappingTest {

  private static final TableColumns PEOPLE =
      TableColumns.of(
          "legacy.people",
          List.of("id", "region", "first", "last", "cents", "flags"),
          List.of("id"));

  private static final TableColumns PERSONS =
      TableColumns.of(
          "public.persons",
          List.of("id", "region", "given_name", "family_name", "full_name", "amount"),
          List.of("id"));

  private static TableMapping.Builder people() {
    return TableMapping.builder("people")
        .targetTable("persons")
        .rename("first", "given_name")
        .rename("last", "family_name")
        .drop("cents")
        .drop("flags")
        .compute("full_name", row -> row.get("given_name") + " " + row.get("family_name"))
        .compute("amount", row -> BigDecimal.valueOf((Long) row.get("cents"), 2));
  }

  @Test
  void renamesDropsAndComputesColumns() {
    RowMapping mapping = people().build().bind(PEOPLE, PERSONS);
    Row source = Row.of(mapping.sourceLayout(), 7L, "eu", "Ada", "Lovelace", 1234L, 3L);

    Row target = mapping.apply(source);

    assertThat(target.columns())
        .containsExactly("id", "region", "given_name", "family_name", "full_name", "amount");
    assertThat(target.get("given_name")).isEqualTo("Ada");
    assertThat(target.get("full_name")).isEqualTo("Ada Lovelace");
    assertThat(target.get("amount")).isEqualTo(new BigDecimal("12.34"));
    assertThat(mapping.sourceColumnOf("given_name")).contains("first");
    assertThat(mapping.sourceColumnOf("amount")).isEmpty();
  }

  @Test
  void theTargetKeyFollowsTheTargetKeyOrder() {
    TableColumns source = TableColumns.of("s", List.of("a", "b", "v"), List.of("a", "b"));
    TableColumns target = TableColumns.of("t", List.of("bb", "a", "v"), List.of("bb", "a"));
    RowMapping mapping =
        TableMapping.builder("s").targetTable("t").rename("b", "bb").build().bind(source, target);

    assertThat(mapping.targetKey(List.of(1L, "x"))).containsExactly("x", 1L);
    assertThat(mapping.targetKey()).containsExactly("bb", "a");
  }

  @Test
  void aColumnTheTargetLacksIsNamedWithWhatToDo() {
    assertThatThrownBy(
            () ->
                people()
                    .drop("cents")
                    .build()
                    .bind(
                        TableColumns.of(
                            "legacy.people",
                            List.of("id", "region", "first", "last", "cents", "flags", "extra"),
                            List.of("id")),
                        PERSONS))
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining("column 'extra' maps to target column 'extra'")
        .hasMessageContaining("public.persons does not have")
        .hasMessageContaining("drop(\"extra\")");
  }

  @Test
  void aRenameOrDropOfAMissingSourceColumnIsRefused() {
    assertThatThrownBy(() -> people().drop("nope").build().bind(PEOPLE, PERSONS))
        .hasMessageContaining("drop names source column 'nope'")
        .hasMessageContaining("legacy.people does not have");
  }

  @Test
  void aRefusedSourceColumnMustBeDropped() {
    TableColumns withShape =
        new TableColumns(
            "legacy.places",
            List.of("id", "shape"),
            List.of("id"),
            Map.of("shape", "type geometry is not supported"),
            Set.of());
    TableColumns target = TableColumns.of("public.places", List.of("id", "shape"), List.of("id"));

    assertThatThrownBy(() -> TableMapping.identity("places").bind(withShape, target))
        .hasMessageContaining("legacy.places column 'shape' cannot be carried exactly")
        .hasMessageContaining("type geometry is not supported")
        .hasMessageContaining("drop(\"shape\")")
        .hasMessageContaining("compute(");

    RowMapping dropped =
        TableMapping.builder("places").drop("shape").build().bind(withShape, target);
    assertThat(dropped.sourceLayout().columns()).containsExactly("id");
  }

  @Test
  void aComputedOrUnproducedTargetKeyIsRefused() {
    TableColumns source = TableColumns.of("s", List.of("id", "v"), List.of("id"));
    TableColumns target = TableColumns.of("t", List.of("id", "v"), List.of("id"));

    assertThatThrownBy(
            () ->
                TableMapping.builder("s")
                    .targetTable("t")
                    .drop("id")
                    .compute("id", row -> 1L)
                    .build()
                    .bind(source, target))
        .hasMessageContaining("primary-key column 'id' is computed")
        .hasMessageContaining("deletes target rows by the source key");
    assertThatThrownBy(
            () ->
                TableMapping.builder("s").targetTable("t").drop("id").build().bind(source, target))
        .hasMessageContaining("primary-key column 'id' gets no value");
    TableColumns keyedByV = TableColumns.of("t", List.of("id", "v"), List.of("v"));
    assertThatThrownBy(
            () -> TableMapping.builder("s").targetTable("t").build().bind(source, keyedByV))
        .hasMessageContaining("is filled from source column 'v'");
  }

  @Test
  void aRequiredTargetColumnWithoutValueIsRefused() {
    TableColumns source = TableColumns.of("s", List.of("id"), List.of("id"));
    TableColumns target =
        new TableColumns("t", List.of("id", "must"), List.of("id"), Map.of(), Set.of("must"));

    assertThatThrownBy(
            () -> TableMapping.builder("s").targetTable("t").build().bind(source, target))
        .hasMessageContaining("t column 'must' is NOT NULL without a default")
        .hasMessageContaining("compute(\"must\"");
  }

  @Test
  void anUnwritableTargetColumnIsRefused() {
    TableColumns source = TableColumns.of("s", List.of("id", "total"), List.of("id"));
    TableColumns target =
        new TableColumns(
            "t",
            List.of("id", "total"),
            List.of("id"),
            Map.of("total", "generated by the database"),
            Set.of());

    assertThatThrownBy(
            () -> TableMapping.builder("s").targetTable("t").build().bind(source, target))
        .hasMessageContaining("t column 'total' cannot be written: generated by the database")
        .hasMessageContaining("drop(\"total\")");
  }

  @Test
  void aColumnFilledTwiceIsRefused() {
    TableColumns source = TableColumns.of("s", List.of("id", "a", "b"), List.of("id"));
    TableColumns target = TableColumns.of("t", List.of("id", "b"), List.of("id"));

    assertThatThrownBy(
            () ->
                TableMapping.builder("s")
                    .targetTable("t")
                    .compute("b", r -> 1)
                    .drop("a")
                    .build()
                    .bind(source, target))
        .hasMessageContaining("compute(\"b\") fills a target column that source column 'b'")
        .hasMessageContaining("drop(\"b\")");
  }

  @Test
  void aComputedColumnCanReplaceADroppedColumnOfTheSameName() {
    TableColumns source = TableColumns.of("s", List.of("id", "price"), List.of("id"));
    TableColumns target = TableColumns.of("t", List.of("id", "price"), List.of("id"));
    RowMapping mapping =
        TableMapping.builder("s")
            .targetTable("t")
            .drop("price")
            .compute("price", row -> ((BigDecimal) row.get("price")).movePointLeft(2))
            .build()
            .bind(source, target);

    Row row = mapping.apply(Row.of(mapping.sourceLayout(), 1L, new BigDecimal("1250")));

    assertThat(row.get("price")).isEqualTo(new BigDecimal("12.50"));
  }

  @Test
  void aFailingFunctionIsReportedWithoutItsMessage() {
    TableColumns source = TableColumns.of("s", List.of("id"), List.of("id"));
    TableColumns target = TableColumns.of("t", List.of("id", "x"), List.of("id"));
    RowMapping mapping =
        TableMapping.builder("s")
            .targetTable("t")
            .compute(
                "x",
                row -> {
                  throw new IllegalStateException("secret value 42");
                })
            .build()
            .bind(source, target);

    assertThatThrownBy(() -> mapping.apply(Row.of(mapping.sourceLayout(), 1L)))
        .isInstanceOf(ZdmException.class)
        .hasMessageContaining(
            "compute('x') for target table t threw java.lang.IllegalStateException")
        .hasMessageNotContaining("secret")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void rowsNeverShowTheirValues() {
    Row row = Row.of(RowLayout.of(List.of("id", "email")), 1L, "ada@example.org");

    assertThat(row.toString()).contains("email").doesNotContain("ada@");
  }

  @Test
  void rowsCompareBytesByContentAndDecimalsWithScale() {
    RowLayout layout = RowLayout.of(List.of("b", "d"));

    assertThat(Row.of(layout, new byte[] {1, 2}, new BigDecimal("1.50")))
        .isEqualTo(Row.of(layout, new byte[] {1, 2}, new BigDecimal("1.50")))
        .isNotEqualTo(Row.of(layout, new byte[] {1, 2}, new BigDecimal("1.5")));
  }
}
