package dev.zdm.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.change.RowKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The relay engine's decisions, over in-memory ports. */
class OutboxRelayTest {

  private final Clock clock = Clock.systemUTC();
  private final InMemoryOutbox outbox = new InMemoryOutbox(clock, 4);
  private final List<ApplyBatch> applied = new CopyOnWriteArrayList<>();
  private final AtomicBoolean targetDown = new AtomicBoolean();
  private final AtomicReference<RowKey> refused = new AtomicReference<>();

  private final ChangeApplier applier =
      new ChangeApplier() {
        @Override
        public void apply(ApplyBatch batch) {
          if (targetDown.get()) {
            throw new TargetUnavailableException("target refused the connection", null);
          }
          RowKey bad = refused.get();
          if (bad != null && batch.rows().values().stream().anyMatch(keys -> keys.contains(bad))) {
            throw new IllegalStateException("unique constraint orders_email_key violated");
          }
          applied.add(batch);
        }

        @Override
        public boolean reachable() {
          return !targetDown.get();
        }
      };

  private OutboxRelay relay(String owner) {
    return OutboxRelay.builder("orders")
        .config(
            RelayConfig.builder()
                .partitions(4)
                .batchSize(100)
                .retry(2, Duration.ofMillis(1))
                .breakerOpenWait(Duration.ofMillis(200))
                .build())
        .outbox(outbox)
        .leases(outbox)
        .deadLetters(outbox)
        .applier(applier)
        .owner(owner)
        .clock(clock)
        .build();
  }

  private Set<RowKey> appliedKeys() {
    Set<RowKey> keys = new HashSet<>();
    applied.forEach(batch -> batch.rows().values().forEach(keys::addAll));
    return keys;
  }

  @Test
  void changesToOneRowCoalesceIntoOneWrite() {
    for (int i = 0; i < 10; i++) {
      outbox.write("orders", 1);
    }
    outbox.write("orders", 2);

    try (OutboxRelay relay = relay("a")) {
      assertThat(relay.runOnce()).isEqualTo(11);
    }

    assertThat(applied).hasSize(1);
    assertThat(applied.get(0).size()).isEqualTo(2);
    assertThat(outbox.pending).isEmpty();
  }

  @Test
  void aRowTheTargetRefusesIsParkedAndEveryOtherRowFlows() {
    for (int i = 1; i <= 20; i++) {
      outbox.write("orders", i);
    }
    refused.set(RowKey.of(7));

    try (OutboxRelay relay = relay("a")) {
      relay.runOnce();
    }

    assertThat(appliedKeys()).hasSize(19).doesNotContain(RowKey.of(7));
    assertThat(outbox.parked)
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.keyText()).isEqualTo("[7]");
              assertThat(letter.error()).contains("orders_email_key");
            });
    assertThat(outbox.pending).isEmpty();
  }

  @Test
  void laterChangesOfAParkedRowParkBehindItAndReplayDeliversIt() {
    outbox.write("orders", 7);
    refused.set(RowKey.of(7));
    try (OutboxRelay relay = relay("a")) {
      relay.runOnce();
      refused.set(null);
      outbox.write("orders", 7);
      outbox.write("orders", 8);
      relay.runOnce();

      assertThat(outbox.parked).hasSize(2).allMatch(l -> l.keyText().equals("[7]"));
      assertThat(appliedKeys()).containsExactly(RowKey.of(8));

      assertThat(outbox.replay("orders", outbox.parked.get(0).id())).isTrue();
      relay.runOnce();
    }
    assertThat(outbox.parked).isEmpty();
    assertThat(appliedKeys()).contains(RowKey.of(7));
    assertThat(outbox.pending).isEmpty();
  }

  @Test
  void anOutageParksNothingOpensTheBreakerAndTheBacklogDrainsAfterRecovery() {
    for (int i = 1; i <= 50; i++) {
      outbox.write("orders", i);
    }
    targetDown.set(true);
    try (OutboxRelay relay = relay("a")) {
      for (int i = 0; i < 10 && relay.breakerState().equals("CLOSED"); i++) {
        relay.runOnce();
      }
      assertThat(relay.breakerState()).isEqualTo("OPEN");
      assertThat(outbox.parked).isEmpty();
      assertThat(outbox.pending).hasSize(50);
      assertThat(relay.runOnce()).isZero();

      targetDown.set(false);
      // The breaker lets a trial batch through once its open wait (200 ms) has passed.
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                relay.runOnce();
                return outbox.pending.isEmpty();
              });
      assertThat(relay.breakerState()).isEqualTo("CLOSED");
    }
    assertThat(outbox.pending).isEmpty();
    assertThat(appliedKeys()).hasSize(50);
  }

  @Test
  void theMetersSayWhatHappened() {
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    for (int i = 1; i <= 10; i++) {
      outbox.write("orders", i);
      outbox.write("orders", i);
    }
    refused.set(RowKey.of(3));
    try (OutboxRelay relay =
        OutboxRelay.builder("orders")
            .config(RelayConfig.builder().partitions(4).retry(2, Duration.ofMillis(1)).build())
            .outbox(outbox)
            .leases(outbox)
            .deadLetters(outbox)
            .applier(applier)
            .meterRegistry(registry)
            .build()) {
      outbox.write("orders", 99);
      relay.runOnce();
      assertThat(registry.get("zdm.outbox.depth").tag("migration", "orders").gauge().value())
          .isZero();
    }

    assertThat(registry.get("zdm.relay.changes.applied").counter().count()).isEqualTo(19);
    assertThat(registry.get("zdm.relay.rows.applied").counter().count()).isEqualTo(10);
    assertThat(registry.get("zdm.relay.dead.letters").counter().count()).isEqualTo(2);
    assertThat(registry.get("zdm.relay.retries").counter().count()).isPositive();
    assertThat(registry.get("zdm.relay.replication.latency").timer().count()).isEqualTo(19);
    assertThat(registry.get("zdm.relay.breaker.state").gauge().value()).isZero();
    assertThat(registry.get("zdm.relay.lag").timeGauge()).isNotNull();
  }

  @Test
  void aFencedBatchIsNotAcknowledged() {
    outbox.write("orders", 1);
    ChangeApplier fenced =
        new ChangeApplier() {
          @Override
          public void apply(ApplyBatch batch) {
            throw new FencedOutException("partition taken");
          }

          @Override
          public boolean reachable() {
            return true;
          }
        };
    try (OutboxRelay relay =
        OutboxRelay.builder("orders")
            .config(RelayConfig.builder().partitions(4).build())
            .outbox(outbox)
            .leases(outbox)
            .deadLetters(outbox)
            .applier(fenced)
            .build()) {
      assertThat(relay.runOnce()).isZero();
    }
    assertThat(outbox.pending).hasSize(1);
    assertThat(outbox.parked).isEmpty();
  }

  @Test
  void twoRelaysSplitThePartitionsWithoutSharingAny() {
    MutableClock manual = new MutableClock();
    InMemoryOutbox shared = new InMemoryOutbox(manual, 4);
    try (OutboxRelay a = relayOn(shared, manual, "a");
        OutboxRelay b = relayOn(shared, manual, "b")) {
      a.runOnce();
      b.runOnce();
      assertThat(owners(shared, manual)).containsOnly("a-0");
      // a took all four before b existed; at the next maintenance it keeps only its share.
      manual.advance(Duration.ofSeconds(4));
      a.runOnce();
      b.runOnce();
      List<String> owners = owners(shared, manual);
      assertThat(owners).hasSize(4);
      assertThat(owners.stream().filter(o -> o.startsWith("a")).count()).isEqualTo(2);
      assertThat(owners.stream().filter(o -> o.startsWith("b")).count()).isEqualTo(2);
    }
  }

  @Test
  void theLeasesOfADeadRelayAreTakenOverAfterTheyExpire() {
    MutableClock manual = new MutableClock();
    InMemoryOutbox shared = new InMemoryOutbox(manual, 4);
    OutboxRelay dead = relayOn(shared, manual, "dead");
    dead.runOnce(); // holds every partition, then its process dies without releasing them
    try (OutboxRelay heir = relayOn(shared, manual, "heir")) {
      heir.runOnce();
      assertThat(owners(shared, manual)).containsOnly("dead-0");
      manual.advance(Duration.ofSeconds(11));
      heir.runOnce();
      assertThat(owners(shared, manual)).hasSize(4).containsOnly("heir-0");
      assertThat(shared.leases().get("relay:0").token()).isEqualTo(2);
    }
  }

  private OutboxRelay relayOn(InMemoryOutbox shared, Clock at, String owner) {
    return OutboxRelay.builder("orders")
        .config(RelayConfig.builder().partitions(4).build())
        .outbox(shared)
        .leases(shared)
        .deadLetters(shared)
        .applier(applier)
        .owner(owner)
        .clock(at)
        .build();
  }

  private static List<String> owners(InMemoryOutbox shared, Clock at) {
    Map<String, LeaseStore.Lease> leases = shared.leases();
    List<String> owners = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      LeaseStore.Lease lease = leases.get("relay:" + p);
      if (lease != null && lease.expiresAt().isAfter(at.instant())) {
        owners.add(lease.owner());
      }
    }
    return owners;
  }
}
