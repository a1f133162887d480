package dev.zdm.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.change.RowKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A child row whose parent's change travels in a partition another relay holds: the target refuses
 * it on its foreign key until the parent is there. The relay keeps it back without using its retry
 * budget and parks it only once everything captured before the refusal was applied.
 */
class ForeignKeyWaitTest {

  private final MutableClock clock = new MutableClock();
  private final InMemoryOutbox outbox = new InMemoryOutbox(clock, 4);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** The target: orders(id) reference customers(id - 1001); parents first within a batch. */
  private final Set<RowKey> customers = new HashSet<>();

  private final Set<RowKey> orders = new HashSet<>();

  private final ChangeApplier target =
      new ChangeApplier() {
        @Override
        public synchronized void apply(ApplyBatch batch) {
          Set<RowKey> parents = new HashSet<>(customers);
          parents.addAll(batch.rows().getOrDefault("customers", Set.of()));
          for (RowKey order : batch.rows().getOrDefault("orders", Set.of())) {
            long customer = ((Number) order.values().get(0)).longValue() - 1001;
            if (!parents.contains(RowKey.of(customer))) {
              throw new ReferencePendingException(
                  "insert on table orders violates foreign key orders_customer_fk", null);
            }
          }
          customers.addAll(batch.rows().getOrDefault("customers", Set.of()));
          orders.addAll(batch.rows().getOrDefault("orders", Set.of()));
        }

        @Override
        public boolean reachable() {
          return true;
        }
      };

  private OutboxRelay relay(String owner) {
    return OutboxRelay.builder("shop")
        .config(RelayConfig.builder().partitions(4).retry(3, Duration.ofMillis(1)).build())
        .outbox(outbox)
        .leases(outbox)
        .deadLetters(outbox)
        .applier(target)
        .owner(owner)
        .clock(clock)
        .meterRegistry(meters)
        .build();
  }

  @Test
  void aChildWaitsForItsParentsPartitionAndIsAppliedOnceTheParentIs() {
    try (OutboxRelay a = relay("a");
        OutboxRelay b = relay("b")) {
      splitPartitions(a, b);
      long parent = 1;
      while (!holder(parent).equals("a-0") || !holder(parent + 1001).equals("b-0")) {
        parent++;
        assertThat(parent).as("no key pair across the relays' partitions").isLessThan(1000);
      }
      long child = parent + 1001;
      outbox.write("customers", parent);
      outbox.write("orders", child);

      b.runOnce(); // the child's partition first: its parent is not on the target yet

      assertThat(orders).isEmpty();
      assertThat(outbox.parked).isEmpty();
      assertThat(outbox.pending).hasSize(2);

      a.runOnce();
      b.runOnce();

      assertThat(customers).containsExactly(RowKey.of(parent));
      assertThat(orders).containsExactly(RowKey.of(child));
      assertThat(outbox.parked).isEmpty();
      assertThat(outbox.pending).isEmpty();
    }
    assertThat(meters.get("zdm.relay.deferred").counter().count()).isEqualTo(1);
    assertThat(meters.get("zdm.relay.retries").counter().count()).isZero();
  }

  @Test
  void aChildWhoseParentNeverComesIsParkedOnceEverythingBeforeItWasApplied() {
    try (OutboxRelay a = relay("a");
        OutboxRelay b = relay("b")) {
      splitPartitions(a, b);
      long other = keyHeldBy("a-0", 1);
      long orphan = keyHeldBy("b-0", other + 1002); // its customer is never written
      outbox.write("customers", other);
      outbox.write("orders", orphan);

      b.runOnce();
      b.runOnce();
      assertThat(outbox.parked).as("waits while a change before it is pending").isEmpty();

      a.runOnce();
      b.runOnce();

      assertThat(outbox.parked)
          .singleElement()
          .satisfies(letter -> assertThat(letter.error()).contains("orders_customer_fk"));
      assertThat(outbox.pending).isEmpty();
      assertThat(customers).containsExactly(RowKey.of(other));
    }
  }

  /** Lets a take every partition, then b its share: two each. */
  private void splitPartitions(OutboxRelay a, OutboxRelay b) {
    a.runOnce();
    b.runOnce();
    clock.advance(Duration.ofSeconds(4));
    a.runOnce();
    b.runOnce();
  }

  private long keyHeldBy(String owner, long from) {
    for (long key = from; key < from + 1000; key++) {
      if (holder(key).equals(owner)) {
        return key;
      }
    }
    throw new AssertionError(owner + " holds no partition: " + outbox.leases());
  }

  private String holder(long key) {
    int partition = Math.floorMod(RowKey.of(key).hashCode(), 4);
    return outbox.leases().get("relay:" + partition).owner();
  }
}
