package dev.zdm.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.change.RowKey;
import dev.zdm.jdbc.Replication;
import dev.zdm.jdbc.Verification;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import dev.zdm.verify.Difference;
import dev.zdm.verify.TableReport;
import dev.zdm.verify.VerificationReport;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Repair writes each key into the outbox exactly as the capture trigger writes it, for keys of an
 * instant, a decimal and a date (the key types whose text the triggers format themselves), whether
 * or not the source still has the row.
 */
@RealDatabaseTest
abstract class RepairKeyTextContract {

  private static final String MIGRATION = "stamps-move";

  private TestDatabase source;
  private TestDatabase target;

  abstract Engine from();

  @BeforeEach
  void databases(TestDatabases databases) throws SQLException {
    source = databases.create(from(), "source");
    target = databases.create(Engine.POSTGRES, "target");
    try (Connection s = source.connect();
        Connection t = target.connect();
        Statement onSource = s.createStatement();
        Statement onTarget = t.createStatement()) {
      onSource.execute(
          from() == Engine.MARIADB
              ? "CREATE TABLE stamps (at TIMESTAMP(6) NOT NULL, amount DECIMAL(10,2) NOT NULL,"
                  + " day DATE NOT NULL, v INTEGER, PRIMARY KEY (at, amount, day))"
              : "CREATE TABLE stamps (at TIMESTAMPTZ NOT NULL, amount NUMERIC NOT NULL,"
                  + " day DATE NOT NULL, v INTEGER, PRIMARY KEY (at, amount, day))");
      onTarget.execute(
          "CREATE TABLE stamps (at TIMESTAMPTZ NOT NULL, amount NUMERIC NOT NULL,"
              + " day DATE NOT NULL, v INTEGER, PRIMARY KEY (at, amount, day))");
    }
  }

  @Test
  void repairedKeysMatchTheTriggersTextAndPartition() throws SQLException {
    try (Replication replication =
        Replication.builder(MIGRATION)
            .from(source.dataSource())
            .to(target.dataSource())
            .table("stamps")
            .build()) {
      replication.install(); // capture on the source; the relay is not started
      try (Connection s = source.connect();
          Statement statement = s.createStatement()) {
        if (from() == Engine.MARIADB) {
          statement.execute("SET time_zone = '+02:00'"); // the trigger must not depend on it
        } else {
          statement.execute("SET TIME ZONE 'Europe/Berlin'");
        }
        statement.execute(
            "INSERT INTO stamps VALUES ('2024-06-01 12:00:00.123456', 12.50, '2024-02-29', 1)");
        statement.execute("INSERT INTO stamps VALUES ('2024-03-31 03:30:00', 7, '2024-03-31', 2)");
        statement.execute("DELETE FROM stamps WHERE v = 2");
      }
      List<String> captured = outbox();
      try (Connection s = source.connect();
          Statement statement = s.createStatement()) {
        statement.execute("DELETE FROM zdm_changes");
      }
      // The keys in the form the verifier reads them: instants as UTC ISO text.
      RowKey present =
          RowKey.of("2024-06-01T10:00:00.123456Z", new BigDecimal("12.50"), "2024-02-29");
      RowKey gone =
          RowKey.of(
              "2024-03-31T01:30:00Z",
              from() == Engine.MARIADB ? new BigDecimal("7.00") : new BigDecimal("7"),
              "2024-03-31");
      Verification verification =
          Verification.builder(MIGRATION)
              .from(source.dataSource())
              .to(target.dataSource())
              .table("stamps")
              .build();
      verification.install();
      VerificationReport report =
          new VerificationReport(
              MIGRATION,
              Instant.EPOCH,
              Instant.EPOCH,
              List.of(
                  new TableReport(
                      "stamps",
                      "stamps",
                      0,
                      0,
                      0,
                      Duration.ZERO,
                      List.of(
                          new Difference(
                              "stamps",
                              present,
                              Difference.Kind.MISSING_ON_TARGET,
                              List.of(),
                              Map.of(),
                              Map.of()),
                          new Difference(
                              "stamps",
                              gone,
                              Difference.Kind.EXTRA_ON_TARGET,
                              List.of(),
                              Map.of(),
                              Map.of())))),
              Optional.empty());

      assertThat(verification.repair(report)).isEqualTo(2);

      assertThat(outbox()).containsExactlyElementsOf(captured.stream().distinct().toList());
    }
  }

  private List<String> outbox() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = source.connect();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT table_name, pk, partition_no FROM zdm_changes ORDER BY id")) {
      while (row.next()) {
        rows.add(row.getString(1) + "|" + row.getString(2) + "|" + row.getInt(3));
      }
    }
    assertThat(rows).isNotEmpty();
    return rows;
  }
}
