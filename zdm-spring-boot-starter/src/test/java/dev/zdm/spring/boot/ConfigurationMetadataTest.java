package dev.zdm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration processor's metadata, which IDEs show while typing {@code zdm.*}: every
 * property is there with a description, and the groups the starter documents exist.
 */
class ConfigurationMetadataTest {

  @Test
  void everyZdmPropertyHasADescription() throws Exception {
    JsonNode metadata;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated metadata on the class path").isNotNull();
      metadata = JsonMapper.builder().build().readTree(in);
    }
    List<String> names = new ArrayList<>();
    List<String> undocumented = new ArrayList<>();
    JsonNode ignoredSqlStates = null;
    for (JsonNode property : metadata.get("properties")) {
      String name = property.get("name").asString();
      if (!name.startsWith("zdm.")) {
        continue;
      }
      names.add(name);
      if (name.equals("zdm.auto-rollback.ignored-sql-states")) {
        ignoredSqlStates = property;
      }
      if (!property.has("description") || property.get("description").asString().isBlank()) {
        undocumented.add(name);
      }
    }
    assertThat(undocumented).isEmpty();
    assertThat(names)
        .contains(
            "zdm.enabled",
            "zdm.migration",
            "zdm.tables",
            "zdm.target.url",
            "zdm.target.hikari.maximum-pool-size",
            "zdm.relay.partitions",
            "zdm.backfill.rows-per-second",
            "zdm.verifier.show-values",
            "zdm.phase.cutover-wait",
            "zdm.guards.max-lag",
            "zdm.health.lag-threshold",
            "zdm.shadow-reads.enabled",
            "zdm.shadow-reads.sample-percent",
            "zdm.shadow-reads.key-columns",
            "zdm.shadow-reads.drain-on-close",
            "zdm.canary.percentage",
            "zdm.canary.allow",
            "zdm.auto-rollback.max-p95-latency",
            "zdm.auto-rollback.cool-down",
            "zdm.auto-rollback.ignored-sql-states");
    // A list's default is not seen by the processor; the additional metadata states it once.
    assertThat(names).containsOnlyOnce("zdm.auto-rollback.ignored-sql-states");
    assertThat(ignoredSqlStates.get("type").asString())
        .isEqualTo("java.util.List<java.lang.String>");
    assertThat(ignoredSqlStates.get("defaultValue").toString()).isEqualTo("[\"23\"]");
  }
}
