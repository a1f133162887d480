package dev.zdm.jdbc.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.change.Change;
import dev.zdm.change.RowKey;
import dev.zdm.change.TableKey;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.jdbc.schema.SchemaInstaller;
import dev.zdm.relay.DeadLetter;
import dev.zdm.relay.LeaseStore.Lease;
import dev.zdm.relay.OutboxStore.Backlog;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay's JDBC stores on every engine, each test in a fresh database. */
@RealDatabaseTest
abstract class OutboxStoresContract {

  private TestDatabase db;
  private ZdmDatabase zdm;
  private JdbcOutboxStore outbox;
  private JdbcDeadLetterStore deadLetters;

  abstract Engine engine();

  @BeforeEach
  void freshDatabase(TestDatabases databases) {
    db = databases.create(engine(), "outbox");
    SchemaInstaller.builder(db.dataSource()).build().install();
    zdm = ZdmDatabase.of(db.dataSource());
    outbox = new JdbcOutboxStore(zdm);
    deadLetters = new JdbcDeadLetterStore(zdm);
  }

  /** What a capture trigger does: one row in the outbox, in the writer's transaction. */
  private void capture(String migration, String table, String keyText, int partition)
      throws SQLException {
    try (Connection connection = db.connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO zdm_changes (migration, table_name, pk, op, partition_no)"
                    + " VALUES (?, ?, ?, 'I', ?)")) {
      insert.setString(1, migration);
      insert.setString(2, table);
      insert.setString(3, keyText);
      insert.setInt(4, partition);
      insert.executeUpdate();
    }
  }

  private long outboxRows() throws SQLException {
    try (Connection connection = db.connect();
        ResultSet row =
            connection.createStatement().executeQuery("SELECT COUNT(*) FROM zdm_changes")) {
      row.next();
      return row.getLong(1);
    }
  }

  @Test
  void claimsTheHeldPartitionsOldestFirstAndOnlyThatMigrations() throws SQLException {
    capture("orders", "orders", "[1]", 0);
    capture("orders", "orders", "[2, \"eu\"]", 1);
    capture("orders", "orders", "[3]", 2);
    capture("other", "orders", "[4]", 0);
    capture("orders", "lines", "[5]", 0);

    List<Change> claimed = outbox.claim("orders", Set.of(0, 1), 10);

    assertThat(claimed)
        .extracting(Change::key)
        .containsExactly(RowKey.of(1), RowKey.of(2, "eu"), RowKey.of(5));
    assertThat(claimed).extracting(Change::table).containsExactly("orders", "orders", "lines");
    assertThat(claimed.get(1).keyText()).isEqualTo("[2, \"eu\"]");
    assertThat(claimed.get(0).capturedAt())
        .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
    assertThat(outbox.claim("orders", Set.of(0, 1), 2)).hasSize(2);
    assertThat(outbox.claim("orders", Set.of(), 10)).isEmpty();
  }

  @Test
  void tellsWhetherAChangeUpToAPositionIsPendingInAnyPartitionLeavingOutTheCallers()
      throws SQLException {
    capture("orders", "customers", "[1]", 3);
    capture("other", "orders", "[9]", 0);
    capture("orders", "orders", "[2]", 0);
    List<Change> all = outbox.claim("orders", Set.of(0, 3), 10);
    Change parent = all.get(0);
    Change child = all.get(1);

    assertThat(outbox.pendingUpTo("orders", child.id(), List.of(child.id()))).isTrue();
    assertThat(outbox.pendingUpTo("orders", parent.id() - 1, List.of())).isFalse();

    outbox.acknowledge("orders", List.of(parent.id()));

    // the other migration's change in between does not count
    assertThat(outbox.pendingUpTo("orders", child.id(), List.of(child.id()))).isFalse();
    assertThat(outbox.pendingUpTo("orders", child.id(), List.of())).isTrue();
  }

  @Test
  void acknowledgedChangesLeaveTheOutboxAndTheBacklogShrinks() throws SQLException {
    for (int i = 0; i < 1500; i++) {
      capture("orders", "orders", "[" + i + "]", i % 4);
    }
    Backlog before = outbox.backlog("orders");
    assertThat(before.pending()).isEqualTo(1500);
    assertThat(before.oldest()).isPresent();
    assertThat(Duration.between(before.oldest().get(), before.now()))
        .isBetween(Duration.ofSeconds(-1), Duration.ofMinutes(1));

    List<Change> all = outbox.claim("orders", Set.of(0, 1, 2, 3), 2000);
    outbox.acknowledge("orders", all.stream().map(Change::id).toList());
    outbox.acknowledge("orders", all.stream().map(Change::id).toList());

    assertThat(outboxRows()).isZero();
    Backlog after = outbox.backlog("orders");
    assertThat(after.pending()).isZero();
    assertThat(after.oldest()).isEmpty();
  }

  @Test
  void aLeaseIsExclusiveUntilItExpiresAndEachTakeoverRaisesTheToken() {
    MutableTime time = new MutableTime();
    JdbcLeaseStore leases = new JdbcLeaseStore(zdm, time);
    Instant until = time.instant().plusSeconds(10);

    Lease first = leases.acquire("orders", "relay:1", "a", until).orElseThrow();
    assertThat(first.token()).isEqualTo(1);
    assertThat(leases.acquire("orders", "relay:1", "b", until)).isEmpty();
    assertThat(leases.acquire("orders", "relay:1", "a", until.plusSeconds(5)).orElseThrow().token())
        .isEqualTo(1);
    assertThat(leases.renew(first, until.plusSeconds(10))).isTrue();

    time.advance(Duration.ofSeconds(30));
    Lease second =
        leases.acquire("orders", "relay:1", "b", time.instant().plusSeconds(10)).orElseThrow();
    assertThat(second.token()).isEqualTo(2);
    assertThat(leases.renew(first, time.instant().plusSeconds(10))).isFalse();

    leases.release(second);
    Lease third =
        leases.acquire("orders", "relay:1", "a", time.instant().plusSeconds(10)).orElseThrow();
    assertThat(third.token()).isEqualTo(3);
    assertThat(leases.list("orders", "relay:")).extracting(Lease::owner).containsExactly("a");
    assertThat(leases.list("orders", "relay_")).isEmpty();
  }

  @Test
  void parkingMovesARowsChangesOutOfTheOutboxAndReplayPutsOneBack() throws SQLException {
    capture("orders", "orders", "[7]", 3);
    capture("orders", "orders", "[7]", 3);
    capture("orders", "orders", "[8]", 0);
    List<Change> claimed = outbox.claim("orders", Set.of(0, 3), 10);
    List<Change> seven = claimed.stream().filter(c -> c.key().equals(RowKey.of(7))).toList();

    deadLetters.park("orders", seven, "SQLState 23505: unique constraint orders_email_key", 4);

    assertThat(outboxRows()).isEqualTo(1);
    assertThat(deadLetters.parkedAmong("orders", claimed))
        .containsExactly(new TableKey("orders", RowKey.of(7)));
    List<DeadLetter> letters = deadLetters.list("orders", 10);
    assertThat(letters)
        .hasSize(2)
        .allSatisfy(
            letter -> {
              assertThat(letter.keyText()).isEqualTo("[7]");
              assertThat(letter.attempts()).isEqualTo(4);
              assertThat(letter.error()).contains("orders_email_key");
              assertThat(letter.firstFailedAt()).isBefore(Instant.now().plusSeconds(60));
            });

    assertThat(deadLetters.replay("orders", letters.get(0).id())).isTrue();

    assertThat(deadLetters.list("orders", 10)).isEmpty();
    List<Change> back = outbox.claim("orders", Set.of(3), 10);
    assertThat(back)
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.key()).isEqualTo(RowKey.of(7));
              assertThat(change.partition()).isEqualTo(3);
            });
    assertThat(deadLetters.replay("orders", letters.get(0).id())).isFalse();
  }

  @Test
  void discardDropsEveryDeadLetterOfTheRow() {
    try {
      capture("orders", "orders", "[\"a\"]", 1);
      capture("orders", "orders", "[\"a\"]", 1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    deadLetters.park("orders", outbox.claim("orders", Set.of(1), 10), "refused", 1);
    long id = deadLetters.list("orders", 10).get(1).id();

    assertThat(deadLetters.discard("orders", id)).isTrue();

    assertThat(deadLetters.list("orders", 10)).isEmpty();
    assertThat(outbox.backlog("orders").pending()).isZero();
  }

  @Test
  void noDeadLettersMeansNoRowIsParked() throws SQLException {
    capture("orders", "orders", "[1]", 0);
    assertThat(deadLetters.parkedAmong("orders", outbox.claim("orders", Set.of(0), 1)))
        .isEqualTo(Set.of());
    assertThat(Optional.of(outboxRows())).contains(1L);
  }

  /** A clock the lease tests move by hand. */
  static final class MutableTime extends Clock {
    private Instant now = Instant.now();

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
