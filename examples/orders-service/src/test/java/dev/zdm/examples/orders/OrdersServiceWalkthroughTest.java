package dev.zdm.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zdm.test.Engine;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's walk-through as a test: the service on two fresh PostgreSQL databases prepared with
 * the README's {@code schema.sql} and {@code seed.sql}, background order traffic, and the same HTTP
 * calls the README makes with curl, step by step. No request of the traffic may fail, and both
 * databases end with the same rows.
 */
@DirtiesContext
@SpringBootTest(
    classes = {OrdersApplication.class, OrdersServiceWalkthroughTest.Databases.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrdersServiceWalkthroughTest {

  private static final TestDatabases DATABASES = new TestDatabases();
  private static TestDatabase source;
  private static TestDatabase target;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ORDER = "{\"customer\":\"bob\",\"amount\":3.20}";

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * Creates and prepares both databases before the service starts; without a PostgreSQL server the
   * class is skipped (or fails when {@code CI} is set), as every real-database test.
   */
  @BeforeAll
  static void createDatabases() throws Exception {
    source = DATABASES.create(Engine.POSTGRES, "orders_source");
    target = DATABASES.create(Engine.POSTGRES, "orders_target");
    run(source, "schema.sql");
    run(target, "schema.sql");
    run(source, "seed.sql");
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
  void theReadmeWalkthroughWorks() throws Exception {
    // 2. The service serves, and keeps serving.
    assertThat(call("POST", "/orders", "{\"customer\":\"ada\",\"amount\":12.50}").statusCode())
        .isEqualTo(201);
    assertThat(json("GET", "/orders/count", null).get("orders").asLong()).isEqualTo(10_001);
    assertThat(json("GET", "/actuator/zdm", null).get("phase").asString()).isEqualTo("OFF");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger served = new AtomicInteger();
    ExecutorService traffic = Executors.newSingleThreadExecutor();
    Future<?> loop =
        traffic.submit(
            () -> {
              while (!stop.get()) {
                int placed = call("POST", "/orders", ORDER).statusCode();
                long id = served.get() % 10_000 + 1;
                int shipped = call("POST", "/orders/" + id + "/ship", null).statusCode();
                served.incrementAndGet();
                if (placed != 201 || shipped != 200) {
                  failed.incrementAndGet();
                }
              }
              return null;
            });
    try {
      // 3. DUAL_WRITE: capture, relay and backfill.
      assertThat(zdm("advance", "{\"phase\":\"DUAL_WRITE\"}").get("phase").asString())
          .isEqualTo("DUAL_WRITE");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  json("GET", "/actuator/zdm", null)
                      .get("backfill")
                      .get("state")
                      .asString()
                      .equals("DONE"));

      // 4. Verify, and what a guard refusal looks like.
      HttpResponse<String> refused = call("POST", "/actuator/zdm/cutover", "{}");
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(refused.body()).get("error").asString())
          .contains("verification-clean (REFUSED)");
      assertThat(zdm("verify", "{}").get("outcome").asString()).isEqualTo("clean");
      JsonNode plan = json("GET", "/actuator/zdm/plan?phase=TARGET_PRIMARY", null);
      assertThat(plan.get("wouldProceed").asBoolean()).as(plan.toString()).isTrue();
      assertThat(plan.get("steps")).isNotEmpty();

      // 5. SHADOW, then the cutover.
      assertThat(zdm("advance", "{\"phase\":\"SHADOW\"}").get("phase").asString())
          .isEqualTo("SHADOW");
      assertThat(json("GET", "/actuator/health/zdm", null).get("status").asString())
          .isIn("UP", "LAGGING");
      assertThat(zdm("cutover", "{}").get("phase").asString()).isEqualTo("TARGET_PRIMARY");
      awaitServed(served);

      // 6. Roll back, and cut over again.
      assertThat(zdm("rollback", "{}").get("phase").asString()).isEqualTo("DUAL_WRITE");
      awaitServed(served);
      assertThat(zdm("verify", "{}").get("outcome").asString()).isEqualTo("clean");
      assertThat(zdm("cutover", "{}").get("phase").asString()).isEqualTo("TARGET_PRIMARY");
      awaitServed(served);
      assertThat(zdm("verify", "{}").get("outcome").asString()).isEqualTo("clean");
    } finally {
      stop.set(true);
      loop.get();
      traffic.shutdown();
    }

    // 7. Finish: TARGET_ONLY.
    assertThat(zdm("advance", "{\"phase\":\"TARGET_ONLY\"}").get("phase").asString())
        .isEqualTo("TARGET_ONLY");
    assertThat(failed.get()).as("failed requests of %d", served.get()).isZero();
    assertThat(fingerprint(target)).isEqualTo(fingerprint(source));
  }

  private static void awaitServed(AtomicInteger served) {
    int now = served.get();
    await().atMost(Duration.ofSeconds(30)).until(() -> served.get() >= now + 5);
  }

  private JsonNode zdm(String action, String body) throws Exception {
    return json("POST", "/actuator/zdm/" + action, body);
  }

  private JsonNode json(String method, String path, String body) throws Exception {
    HttpResponse<String> response = call(method, path, body);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void run(TestDatabase db, String file) throws Exception {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(Files.readString(Path.of(file)));
    }
  }

  private static String fingerprint(TestDatabase db) throws SQLException {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT count(*), md5(string_agg(id || customer || amount || status, ','"
                    + " ORDER BY id)) FROM orders")) {
      row.next();
      return row.getLong(1) + "|" + row.getString(2);
    }
  }

  /** Drops both databases when the context closes, after the relays and the backfill stopped. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Databases {
    @Bean
    DisposableBean dropTestDatabases() {
      return DATABASES::close;
    }
  }
}
