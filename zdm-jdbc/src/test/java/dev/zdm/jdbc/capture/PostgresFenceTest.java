package dev.zdm.jdbc.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresFenceTest extends FenceContract {

  @Override
  CaptureFixture fixture() {
    return CaptureFixture.POSTGRES;
  }

  @Test
  void aRepeatableReadSnapshotTakenBeforeTheFlipCannotWriteAfterIt() throws SQLException {
    installSource();
    setPhase("DUAL_WRITE");
    try (Connection writer = db.connect()) {
      writer.setAutoCommit(false);
      writer.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      sql(writer, "SELECT COUNT(*) FROM orders"); // the snapshot: the phase is DUAL_WRITE
      setPhase("TARGET_PRIMARY");
      assertThatThrownBy(() -> sql(writer, "INSERT INTO orders (id) VALUES (500)"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("40001"));
      writer.rollback();
    }
  }

  @Test
  void aSavepointRolledBackAfterTheFirstWriteKeepsTheFenceForTheRest() throws SQLException {
    installSource();
    setPhase("DUAL_WRITE");
    try (Connection writer = db.connect()) {
      writer.setAutoCommit(false);
      var savepoint = writer.setSavepoint();
      sql(writer, "INSERT INTO orders (id) VALUES (600)");
      writer.rollback(savepoint);
      sql(writer, "INSERT INTO orders (id) VALUES (601)");
      sql(writer, "INSERT INTO orders (id) VALUES (602)");
      writer.commit();
    }
    assertThat(changes()).extracting(Change::pk).containsExactly("[601]", "[602]");
  }
}
