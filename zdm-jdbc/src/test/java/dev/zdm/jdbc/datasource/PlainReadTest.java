package dev.zdm.jdbc.datasource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statements the read canary may send to the side that is not authoritative. */
class PlainReadTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT side FROM canary_marker WHERE id = 1",
        "  select * from t",
        "(SELECT 1) UNION (SELECT 2)",
        "WITH x AS (SELECT 1) SELECT * FROM x",
        "SELECT 'for update' FROM t -- delete",
        "/* insert */ SELECT note FROM t WHERE note = 'INTO'",
        "VALUES (1)",
        "SHOW search_path"
      })
  void plainReads(String sql) {
    assertThat(PlainRead.is(sql)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INSERT INTO t VALUES (1)",
        "update t set a = 1",
        "DELETE FROM t",
        "SELECT * FROM t FOR UPDATE",
        "SELECT * FROM t FOR NO KEY UPDATE",
        "SELECT * FROM t FOR SHARE",
        "SELECT * FROM t LOCK IN SHARE MODE",
        "SELECT * INTO copy FROM t",
        "WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone",
        "SELECT nextval('s')",
        "CALL p()",
        "SET search_path TO x",
        ""
      })
  void notPlainReads(String sql) {
    assertThat(PlainRead.is(sql)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void aBatchIsNoRead() {
    assertThat(PlainRead.is(null)).isFalse();
  }
}
