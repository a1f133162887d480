package dev.zdm.jdbc.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.Phase;
import dev.zdm.control.Fence;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fence in the capture triggers, phase by phase, on one database: a plain client's write is
 * taken (and captured where the side captures) only in the phases where the trigger's side is
 * authoritative, refused with SQLSTATE ZD001 otherwise; zdm's marked writes always pass, never
 * captured. The control row is written directly, as the phase store writes it.
 */
abstract class FenceContract extends CaptureTestBase {

  private int nextId;

  @BeforeEach
  void table() throws SQLException {
    sql("CREATE TABLE orders (id INTEGER NOT NULL, note VARCHAR(20), PRIMARY KEY (id))");
  }

  void installSource() {
    install(Phase.Side.SOURCE);
  }

  void setPhase(String phase) throws SQLException {
    phase(Phase.valueOf(phase));
  }

  private void install(Phase.Side side) {
    CaptureInstaller.builder(db.dataSource())
        .migration(MIGRATION)
        .side(side)
        .build()
        .install("orders");
  }

  private void phase(Phase phase) throws SQLException {
    sql("DELETE FROM zdm_migrations");
    sql(
        "INSERT INTO zdm_migrations (migration, phase, epoch) VALUES ('"
            + MIGRATION
            + "', '"
            + phase
            + "', 1)");
  }

  private void plainWrite() throws SQLException {
    sql("INSERT INTO orders (id, note) VALUES (" + (++nextId) + ", 'x')");
  }

  private void assertTakenAndCaptured(boolean captured) throws SQLException {
    int before = changes().size();
    plainWrite();
    assertThat(changes()).hasSize(before + (captured ? 1 : 0));
  }

  private void assertRefused(Phase phase, String side) throws SQLException {
    int before = changes().size();
    assertThatThrownBy(this::plainWrite)
        .isInstanceOfSatisfying(
            SQLException.class,
            e -> {
              assertThat(e.getSQLState()).isEqualTo(Fence.SQLSTATE);
              assertThat(e.getMessage())
                  .contains("zdm fence: migration '" + MIGRATION + "' refuses this write to orders")
                  .contains("the phase is " + phase)
                  .contains("(the " + side + ") is not authoritative");
            });
    assertThat(changes()).hasSize(before);
  }

  private void assertZdmWritePasses() throws SQLException {
    int before = changes().size();
    try (Connection connection = db.connect()) {
      captureSql().markZdmWriter(connection);
      sql(connection, "INSERT INTO orders (id, note) VALUES (" + (++nextId) + ", 'zdm')");
      sql(connection, "UPDATE orders SET note = 'zdm2' WHERE id = " + nextId);
      captureSql().unmarkZdmWriter(connection);
    }
    assertThat(changes()).hasSize(before);
  }

  @Test
  void theSourceTakesAndCapturesWritesWhileAuthoritativeAndRefusesThemAfter() throws SQLException {
    install(Phase.Side.SOURCE);
    assertTakenAndCaptured(true); // no control row: OFF
    for (Phase phase : new Phase[] {Phase.OFF, Phase.DUAL_WRITE, Phase.SHADOW}) {
      phase(phase);
      assertTakenAndCaptured(true);
    }
    for (Phase phase : new Phase[] {Phase.CUTOVER, Phase.TARGET_PRIMARY, Phase.TARGET_ONLY}) {
      phase(phase);
      assertRefused(phase, "source");
      assertZdmWritePasses();
    }
  }

  @Test
  void theTargetRefusesWritesUntilItIsAuthoritativeAndThenCapturesThemForTheWayBack()
      throws SQLException {
    install(Phase.Side.TARGET);
    for (Phase phase : new Phase[] {Phase.OFF, Phase.DUAL_WRITE, Phase.SHADOW, Phase.CUTOVER}) {
      phase(phase);
      assertRefused(phase, "target");
      assertZdmWritePasses();
    }
    phase(Phase.TARGET_PRIMARY);
    assertTakenAndCaptured(true);
    assertZdmWritePasses();
    phase(Phase.TARGET_ONLY);
    assertTakenAndCaptured(false);
  }

  @Test
  void aRefusedStatementInATransactionCommitsNothing() throws SQLException {
    install(Phase.Side.SOURCE);
    phase(Phase.TARGET_PRIMARY);
    try (Connection connection = db.connect()) {
      connection.setAutoCommit(false);
      assertThatThrownBy(() -> sql(connection, "INSERT INTO orders (id) VALUES (100)"))
          .isInstanceOf(SQLException.class);
      connection.rollback();
    }
    phase(Phase.DUAL_WRITE);
    try (Connection connection = db.connect();
        var statement = connection.createStatement();
        var row = statement.executeQuery("SELECT COUNT(*) FROM orders WHERE id = 100")) {
      row.next();
      assertThat(row.getLong(1)).isZero();
    }
  }
}
