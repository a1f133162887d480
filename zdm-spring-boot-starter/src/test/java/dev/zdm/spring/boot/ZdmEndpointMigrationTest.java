package dev.zdm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zdm.jdbc.datasource.DualWriteDataSource;
import dev.zdm.test.Engine;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole migration driven through the {@code zdm} Actuator endpoint of a running application, on
 * two fresh PostgreSQL databases: DUAL_WRITE, backfill, verification, SHADOW, cutover to
 * TARGET_PRIMARY, rollback, cutover again, verification from the target back to the source and
 * TARGET_ONLY, with the application writing through its (routed) {@code DataSource} between every
 * step. At the end both databases hold the same rows. Shadow reads (every read), a read canary (0%,
 * so no read moves) and a dry-run rollback policy (p95 above 1 ns: it reports in TARGET_PRIMARY,
 * never rolls back) are on, and show in the status and the health.
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "zdm.migration=items-to-pg",
      "zdm.tables[0].name=items",
      "zdm.relay.partitions=2",
      "zdm.relay.poll-max=50ms",
      "zdm.backfill.ranges-per-table=4",
      "zdm.backfill.initial-chunk-size=200",
      "zdm.backfill.rows-per-second=2000",
      "zdm.phase.refresh=100ms",
      "zdm.phase.cutover-wait=10s",
      "zdm.shadow-reads.enabled=true",
      "zdm.shadow-reads.sample-percent=100",
      "zdm.canary.enabled=true",
      "zdm.canary.percentage=0",
      "zdm.auto-rollback.enabled=true",
      "zdm.auto-rollback.dry-run=true",
      "zdm.auto-rollback.max-p95-latency=1ns",
      "zdm.auto-rollback.minimum-calls=1",
      "zdm.auto-rollback.evaluation-interval=50ms",
      "zdm.auto-rollback.cool-down=1h",
      "management.endpoints.web.exposure.include=health,zdm",
      "management.endpoint.health.show-details=always"
    })
class ZdmEndpointMigrationTest {

  private static final int SEEDED = 3000;
  private static final TestDatabases DATABASES = new TestDatabases();
  private static TestDatabase source;
  private static TestDatabase target;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired DualWriteDataSource dataSource;
  @Autowired MeterRegistry meters;
  @Autowired Environment environment;

  private final HttpClient http = HttpClient.newHttpClient();
  private long nextId = SEEDED + 1;

  /**
   * Creates both databases before the context starts; without a PostgreSQL server the class is
   * skipped (or fails when {@code CI} is set), as every real-database test.
   */
  @BeforeAll
  static void createDatabases() throws SQLException {
    source = DATABASES.create(Engine.POSTGRES, "boot_source");
    target = DATABASES.create(Engine.POSTGRES, "boot_target");
    try (Connection connection = source.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT NOT NULL, qty INT NOT NULL)");
      statement.execute(
          "INSERT INTO items SELECT g, 'item ' || g, g % 17 FROM generate_series(1, "
              + SEEDED
              + ") g");
    }
    try (Connection connection = target.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT NOT NULL, qty INT NOT NULL)");
    }
  }

  @DynamicPropertySource
  static void databases(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", source::jdbcUrl);
    registry.add("spring.datasource.username", source::user);
    registry.add("spring.datasource.password", source::password);
    registry.add("zdm.target.url", target::jdbcUrl);
    registry.add("zdm.target.username", target::user);
    registry.add("zdm.target.password", target::password);
  }

  @Test
  void migratesThroughTheEndpointRollsBackAndFinishes() throws Exception {
    assertThat(status().get("phase").asString()).isEqualTo("OFF");
    write();

    assertThat(send("advance", "{\"phase\":\"SIDEWAYS\"}").statusCode()).isEqualTo(400);
    assertThat(send("launch", "{}").statusCode()).isEqualTo(400);
    assertThat(send("replay-dead-letter", "{\"id\":12345}").statusCode()).isEqualTo(404);
    assertThat(post("advance", "{\"phase\":\"DUAL_WRITE\"}").get("phase").asString())
        .isEqualTo("DUAL_WRITE");
    assertThat(post("pause-backfill", "{}").get("backfill").asString()).isEqualTo("PAUSED");
    write();
    assertThat(post("resume-backfill", "{}").get("backfill").asString()).isEqualTo("RUNNING");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> status().get("backfill").get("state").asString().equals("DONE"));
    write();

    replaysADeadLetterOnceTheTargetTakesTheRow();

    HttpResponse<String> refused = send("cutover", "{}");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
    assertThat(refused.body()).contains("verification-clean");

    JsonNode plan = get("/actuator/zdm/plan?phase=TARGET_PRIMARY");
    assertThat(plan.get("legal").asBoolean()).isTrue();
    assertThat(plan.get("wouldProceed").asBoolean()).isFalse();
    assertThat(plan.get("steps")).isNotEmpty();

    JsonNode verification = post("verify", "{}");
    assertThat(verification.get("outcome").asString()).isEqualTo("clean");
    assertThat(verification.get("rowsCompared").asLong()).isGreaterThanOrEqualTo(SEEDED);
    assertThat(post("advance", "{\"phase\":\"SHADOW\"}").get("phase").asString())
        .isEqualTo("SHADOW");
    write();
    shadowReadsMatchInShadow();

    JsonNode cutover = post("cutover", "{}");
    assertThat(cutover.get("phase").asString()).isEqualTo("TARGET_PRIMARY");
    assertThat(cutover.has("writePauseMillis")).isTrue();
    write();
    assertThat(status().get("authoritative").asString()).isEqualTo("TARGET");

    assertThat(post("rollback", "{}").get("phase").asString()).isEqualTo("DUAL_WRITE");
    write();
    assertThat(post("verify", "{}").get("outcome").asString()).isEqualTo("clean");
    assertThat(post("cutover", "{}").get("phase").asString()).isEqualTo("TARGET_PRIMARY");
    write();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/actuator/health/zdm").get("details").has("autoRollback"));
    JsonNode health = get("/actuator/health/zdm");
    assertThat(health.get("details").get("phase").asString()).isEqualTo("TARGET_PRIMARY");
    assertThat(health.get("status").asString()).isIn("UP", "LAGGING");
    JsonNode autoRollback = health.get("details").get("autoRollback");
    assertThat(autoRollback.get("lastOutcome").asString()).isEqualTo("DRY_RUN");
    assertThat(autoRollback.get("lastTrigger").asString()).startsWith("p95 latency");
    JsonNode status = status();
    assertThat(status.get("guards")).isNotEmpty();
    List<String> instruments = new ArrayList<>();
    status.get("instruments").forEach(i -> instruments.add(i.get("name").asString()));
    assertThat(instruments)
        .containsExactlyInAnyOrder("shadow-reads", "read-canary", "rollback-policy");
    assertThat(instrument(status, "rollback-policy").get("lastOutcome").asString())
        .isEqualTo("DRY_RUN");
    assertThat(status.get("deadLetters").get("forward")).isEmpty();
    assertThat(environment.getProperty("management.endpoint.health.status.order"))
        .contains("LAGGING", "DEGRADED");
    assertThat(environment.getProperty("management.endpoint.health.status.http-mapping.lagging"))
        .isEqualTo("200");
    assertThat(get("/actuator/zdm/plan").get("to").asString()).isEqualTo("DUAL_WRITE");
    assertThat(meters.find("zdm.phase").tag("migration", "items-to-pg").gauge().value())
        .isEqualTo(4.0);
    for (String meter :
        List.of(
            "zdm.outbox.depth",
            "zdm.relay.lag",
            "zdm.backfill.rows.copied",
            "zdm.verify.rows",
            "zdm.datasource.statements",
            "zdm.cutover.write.pause")) {
      assertThat(meters.find(meter).tag("migration", "items-to-pg").meters())
          .as("%s in the application's registry", meter)
          .isNotEmpty();
    }
    for (String direction : List.of("forward", "reverse")) {
      assertThat(meters.find("zdm.relay.lag").tag("direction", direction).meters())
          .as("the %s relay's lag", direction)
          .hasSize(1);
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> status().get("outboxDepth").asLong() == 0);
    finishesInTargetOnly();
  }

  /**
   * The last step: in TARGET_PRIMARY the endpoint's {@code verify} compares the target against the
   * source (the reverse relay carried the target's writes back), then {@code advance} to
   * TARGET_ONLY ends replication. Both tables are then equal row for row, and a write lands on the
   * target alone.
   */
  private void finishesInTargetOnly() throws Exception {
    JsonNode reverse = post("verify", "{}");
    assertThat(reverse.get("outcome").asString()).as(reverse.toString()).isEqualTo("clean");
    assertThat(reverse.get("differences").asLong()).isZero();
    assertThat(reverse.get("rowsCompared").asLong()).isGreaterThan(SEEDED);
    assertThat(status().get("lastVerification").get("finishedAt").asString())
        .isEqualTo(reverse.get("finishedAt").asString());

    assertThat(post("advance", "{\"phase\":\"TARGET_ONLY\"}").get("phase").asString())
        .isEqualTo("TARGET_ONLY");
    JsonNode status = status();
    assertThat(status.get("phase").asString()).isEqualTo("TARGET_ONLY");
    assertThat(status.get("sourcePhase").asString()).isEqualTo("TARGET_ONLY");
    assertThat(status.get("targetPhase").asString()).isEqualTo("TARGET_ONLY");
    assertThat(status.get("authoritative").asString()).isEqualTo("TARGET");
    List<String> onSource = rows(source);
    assertThat(rows(target)).isEqualTo(onSource).hasSizeGreaterThan(SEEDED);
    HttpResponse<String> late = send("verify", "{}");
    assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
    assertThat(late.body()).contains("TARGET_ONLY");

    dataSource.refreshPhase();
    long firstAfter = nextId;
    write();
    assertThat(rows(target)).contains(firstAfter + "|new " + firstAfter + "|0");
    assertThat(rows(source)).isEqualTo(onSource);
  }

  /**
   * In SHADOW every read is also run on the target and compared: the endpoint's status counts the
   * matches, and no mismatch (the target holds what the source holds).
   */
  private void shadowReadsMatchInShadow() throws Exception {
    dataSource.refreshPhase();
    int reads = 10;
    for (int i = 1; i <= reads; i++) {
      jdbc.queryForList(
          "SELECT id, name, qty FROM items WHERE id BETWEEN ? AND ? ORDER BY id",
          i * 100,
          i * 100 + 20);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonNode f = instrument(status(), "shadow-reads");
              long done = 0;
              for (String outcome :
                  List.of("match", "mismatch", "ignored", "error", "timeout", "skipped")) {
                done += f.get(outcome).asLong();
              }
              return done == reads;
            });
    JsonNode shadow = instrument(status(), "shadow-reads");
    assertThat(shadow.get("match").asLong()).as(shadow.toString()).isPositive();
    assertThat(shadow.get("mismatch").asLong()).as(shadow.toString()).isZero();
  }

  /** The figures of the instrument of that name in the endpoint's status. */
  private static JsonNode instrument(JsonNode status, String name) {
    for (JsonNode instrument : status.get("instruments")) {
      if (instrument.get("name").asString().equals(name)) {
        return instrument.get("figures");
      }
    }
    throw new AssertionError("no instrument " + name + " in " + status.get("instruments"));
  }

  /** A row the target refuses is parked, shown, and replayed through the endpoint once fixed. */
  private void replaysADeadLetterOnceTheTargetTakesTheRow() throws Exception {
    execute(target, "ALTER TABLE items ADD CONSTRAINT qty_not_negative CHECK (qty >= 0)");
    jdbc.update("INSERT INTO items (id, name, qty) VALUES (900000, 'refused by the target', -1)");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> status().get("deadLetters").get("forward").size() == 1);
    JsonNode status = status();
    JsonNode letter = status.get("deadLetters").get("forward").get(0);
    assertThat(letter.get("table").asString()).endsWith("items");
    assertThat(letter.get("error").asString()).contains("qty_not_negative");
    assertThat(status.get("deadLetterCount").asLong()).isEqualTo(1);
    execute(target, "ALTER TABLE items DROP CONSTRAINT qty_not_negative");
    post("replay-dead-letter", "{\"id\":" + letter.get("id").asLong() + "}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> rows(target).contains("900000|refused by the target|-1"));
    assertThat(status().get("deadLetters").get("forward")).isEmpty();
  }

  private static void execute(TestDatabase db, String sql) throws SQLException {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Inserts, updates and deletes through the application's (routed) data source. */
  private void write() {
    for (int i = 0; i < 20; i++) {
      long id = nextId++;
      jdbc.update("INSERT INTO items (id, name, qty) VALUES (?, ?, ?)", id, "new " + id, i);
    }
    jdbc.update("UPDATE items SET qty = qty + 1 WHERE id % 97 = ?", nextId % 97);
    jdbc.update("DELETE FROM items WHERE id = ?", nextId % SEEDED + 1);
  }

  private JsonNode status() throws Exception {
    return get("/actuator/zdm");
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private JsonNode post(String action, String body) throws Exception {
    HttpResponse<String> response = send(action, body);
    assertThat(response.statusCode()).as(action + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> send(String action, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/zdm/" + action))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> rows(TestDatabase db) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT id, name, qty FROM items ORDER BY id")) {
      while (row.next()) {
        rows.add(row.getLong(1) + "|" + row.getString(2) + "|" + row.getInt(3));
      }
    }
    return rows;
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    /** Drops both databases when the context closes, after the relays and backfill stopped. */
    @Bean
    DisposableBean dropTestDatabases() {
      return DATABASES::close;
    }
  }
}
