package dev.zdm.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.zdm.backfill.BackfillConfig;
import dev.zdm.change.RowKey;
import dev.zdm.jdbc.Verification;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import dev.zdm.verify.Difference;
import dev.zdm.verify.VerificationReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Text keys that the two engines order differently (MariaDB's case-insensitive collation against
 * PostgreSQL's "C"): chunk boundaries planned on the source cut the target's keys elsewhere, so
 * chunks mismatch although the data is equal. The re-check by key settles those, and still reports
 * exactly the real differences.
 */
@RealDatabaseTest
class CollationOrderTest {

  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void databases(TestDatabases databases) throws SQLException {
    source = databases.create(Engine.MARIADB, "source");
    target = databases.create(Engine.POSTGRES, "target");
    try (Connection s = source.connect();
        Connection t = target.connect();
        Statement onSource = s.createStatement();
        Statement onTarget = t.createStatement()) {
      onSource.execute(
          "CREATE TABLE words (word VARCHAR(20) NOT NULL PRIMARY KEY, n INTEGER)"
              + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci");
      onTarget.execute(
          "CREATE TABLE words (word VARCHAR(20) COLLATE \"C\" PRIMARY KEY, n INTEGER)");
      for (Connection connection : List.of(s, t)) {
        try (PreparedStatement insert =
            connection.prepareStatement("INSERT INTO words VALUES (?, ?)")) {
          for (int i = 0; i < 300; i++) {
            insert.setString(1, word(i));
            insert.setInt(2, i);
            insert.addBatch();
          }
          insert.executeBatch();
        }
      }
    }
  }

  /** Upper and lower case alternate, so "C" puts every upper-case word first. */
  private static String word(int i) {
    return (i % 2 == 0 ? "A" : "a") + String.format("%03d", i);
  }

  private VerificationReport verify() {
    Verification verification =
        Verification.builder("words-check")
            .from(source.dataSource())
            .to(target.dataSource())
            .table("words")
            .config(BackfillConfig.builder().chunkSize(20, 10, 20).build())
            .leafRows(4)
            .liveTraffic(false)
            .build();
    verification.install();
    return verification.run();
  }

  @Test
  void equalDataIsCleanAndRealDifferencesAreStillExact() throws SQLException {
    VerificationReport clean = verify();
    assertThat(clean.differences()).isEmpty();
    assertThat(clean.tables().get(0).chunksMismatched())
        .as("the engines' orders differ, so chunks do")
        .isPositive();

    try (Connection t = target.connect();
        Statement statement = t.createStatement()) {
      statement.execute("UPDATE words SET n = -1 WHERE word = 'a101'");
      statement.execute("INSERT INTO words VALUES ('b000', 0)");
      statement.execute("DELETE FROM words WHERE word = 'A200'");
    }

    assertThat(verify().differences())
        .extracting(Difference::key, Difference::kind, Difference::columns)
        .containsExactly(
            tuple(RowKey.of("A200"), Difference.Kind.MISSING_ON_TARGET, List.of()),
            tuple(RowKey.of("b000"), Difference.Kind.EXTRA_ON_TARGET, List.of()),
            tuple(RowKey.of("a101"), Difference.Kind.DIFFERENT, List.of("n")));
  }
}
