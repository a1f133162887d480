package dev.zdm.jdbc.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlFailureTest {

  @Test
  void postgresDetailsWithRowValuesAreDropped() {
    SQLException e =
        new SQLException(
            "ERROR: duplicate key value violates unique constraint \"users_email_key\"\n"
                + "  Detail: Key (email)=(alice@example.com) already exists.",
            "23505");
    assertThat(SqlFailure.describe(e))
        .isEqualTo(
            "SQLState 23505: ERROR: duplicate key value violates unique constraint \"users_email_key\"")
        .doesNotContain("alice");
  }

  @Test
  void mariaDbValuesAreHiddenButKeyAndColumnNamesKept() {
    SQLException duplicate =
        new SQLIntegrityConstraintViolationException(
            "(conn=12) Duplicate entry 'alice@example.com' for key 'users_email_key'", "23000");
    assertThat(SqlFailure.describe(duplicate))
        .contains("Duplicate entry '?' for key 'users_email_key'")
        .doesNotContain("alice");
    SQLException badValue =
        new SQLException(
            "Incorrect integer value: 'secret 42' for column `t`.`n` at row 1", "22007");
    assertThat(SqlFailure.describe(badValue)).doesNotContain("secret");
  }

  @Test
  void connectionFailuresAreOutagesAndConstraintViolationsAreNot() {
    assertThat(SqlFailure.isOutage(new SQLTransientConnectionException("refused", "08001")))
        .isTrue();
    assertThat(SqlFailure.isOutage(new SQLException("terminating connection", "57P01"))).isTrue();
    assertThat(
            SqlFailure.isOutage(
                new SQLException("wrapped", "XX000", new SQLException("x", "08006"))))
        .isTrue();
    assertThat(SqlFailure.isOutage(new SQLIntegrityConstraintViolationException("dup", "23505")))
        .isFalse();
  }

  @Test
  void foreignKeyRefusalsOfEachEngineAreToldFromOtherConstraints() {
    assertThat(SqlFailure.isForeignKeyViolation(new SQLException("fk", "23503"))).isTrue();
    assertThat(SqlFailure.isForeignKeyViolation(new SQLException("parent missing", "23506")))
        .isTrue();
    assertThat(SqlFailure.isForeignKeyViolation(new SQLException("child row", "23000", 1452)))
        .isTrue();
    assertThat(SqlFailure.isForeignKeyViolation(new SQLException("parent row", "23000", 1451)))
        .isTrue();
    assertThat(
            SqlFailure.isForeignKeyViolation(
                new SQLException("batch", "HY000", new SQLException("fk", "23503"))))
        .isTrue();
    assertThat(SqlFailure.isForeignKeyViolation(new SQLException("duplicate", "23000", 1062)))
        .isFalse();
    assertThat(SqlFailure.isForeignKeyViolation(new SQLException("unique", "23505"))).isFalse();
    assertThat(SqlFailure.isForeignKeyViolation(new SQLException("check", "23514"))).isFalse();
  }

  @Test
  void deadlocksSerializationFailuresAndLockTimeoutsAreConflicts() {
    assertThat(SqlFailure.isConflict(new SQLException("deadlock detected", "40P01"))).isTrue();
    assertThat(SqlFailure.isConflict(new SQLException("could not serialize", "40001"))).isTrue();
    assertThat(SqlFailure.isConflict(new SQLException("Deadlock found", "40001", 1213))).isTrue();
    assertThat(SqlFailure.isConflict(new SQLException("Lock wait timeout", "HY000", 1205)))
        .isTrue();
    assertThat(SqlFailure.isConflict(new SQLException("Timeout trying to lock", "HYT00"))).isTrue();
    assertThat(SqlFailure.isConflict(new SQLException("fk", "23503"))).isFalse();
  }
}
