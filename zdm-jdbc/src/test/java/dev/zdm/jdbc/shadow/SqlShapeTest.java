package dev.zdm.jdbc.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statements shadow reads accept, and their fingerprints. */
class SqlShapeTest {

  private static final Set<String> FUNCTIONS = Set.of("audit_touch", "nextval");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT id FROM t WHERE id = ?",
        "select * from t where name = 'for update'",
        "WITH recent AS (SELECT * FROM t WHERE x > 3) SELECT * FROM recent ORDER BY x",
        "(SELECT a FROM t) UNION (SELECT a FROM u)",
        "SELECT replace(name, 'a', 'b') FROM t -- for update\n",
        "SELECT \"update\" FROM t;",
        "SELECT $$ insert $$ FROM t",
      })
  void plainReadsAreAccepted(String sql) {
    assertThat(SqlShape.of(sql, FUNCTIONS).refusal()).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT * FROM t WHERE id = 1 FOR UPDATE | locking-read",
        "SELECT * FROM t FOR SHARE | locking-read",
        "SELECT * FROM t FOR NO KEY UPDATE | locking-read",
        "SELECT * FROM t FOR KEY SHARE | locking-read",
        "SELECT * FROM t LOCK IN SHARE MODE | locking-read",
        "SELECT * INTO copy FROM t | select-into",
        "SELECT audit_touch(id) FROM t | side-effect-function",
        "SELECT app.\"Audit_Touch\"(id) FROM t | side-effect-function",
        "SELECT nextval('s') | side-effect-function",
        "WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone | not-read-only",
        "INSERT INTO t VALUES (1) RETURNING id | not-select",
        "SELECT 1; DELETE FROM t | several-statements",
        "SELECT 'unterminated | unbalanced",
        "SELECT (1 | unbalanced",
      })
  void otherStatementsAreRefused(String sql, String reason) {
    assertThat(SqlShape.of(sql, FUNCTIONS).refusal()).isEqualTo(reason);
  }

  @Test
  void theFingerprintHasNoLiteralsAndNormalisedWhitespace() {
    SqlShape shape =
        SqlShape.of(
            "select  id, name\n from t where name <> 'Ann''s' and id >= 42 and x = $1 /* c */",
            FUNCTIONS);
    assertThat(shape.fingerprint())
        .isEqualTo("SELECT ID, NAME FROM T WHERE NAME <> ? AND ID >= ? AND X = ?");
  }

  @Test
  void onlyATopLevelOrderByOrders() {
    assertThat(SqlShape.of("SELECT a FROM t ORDER BY a", FUNCTIONS).ordered()).isTrue();
    assertThat(SqlShape.of("SELECT a FROM (SELECT a FROM t ORDER BY a) x", FUNCTIONS).ordered())
        .isFalse();
  }
}
