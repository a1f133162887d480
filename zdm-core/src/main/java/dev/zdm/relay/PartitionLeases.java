package dev.zdm.relay;

import dev.zdm.relay.LeaseStore.Lease;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The partitions one worker holds, kept at a fair share: every worker heartbeats a lease of its
 * own, counts the live workers, and holds about {@code partitions / workers} partition leases,
 * releasing extras and taking free or expired ones. Used by one worker thread only.
 */
final class PartitionLeases {

  static final String WORKER_PREFIX = "relay-worker:";
  static final String PARTITION_PREFIX = "relay:";

  /** How often a worker below its fair share looks for free partitions between renewals. */
  private static final java.time.Duration HUNGER_CHECK = java.time.Duration.ofMillis(100);

  private final String migration;
  private final String owner;
  private final int partitions;
  private final LeaseStore store;
  private final RelayConfig config;
  private final Clock clock;
  private final Map<Integer, Lease> held = new TreeMap<>();
  private Instant nextMaintenance = Instant.MIN;
  private Instant nextHungerCheck = Instant.MIN;
  private int share;

  PartitionLeases(
      String migration, String owner, RelayConfig config, LeaseStore store, Clock clock) {
    this.migration = migration;
    this.owner = owner;
    this.partitions = config.partitions();
    this.store = store;
    this.config = config;
    this.clock = clock;
  }

  /** Renews and rebalances when due; returns the partitions safely held, with their tokens. */
  Map<Integer, Long> current() {
    Instant now = clock.instant();
    if (!now.isBefore(nextMaintenance)) {
      maintain(now);
      nextMaintenance = now.plus(config.leaseRenewInterval());
      nextHungerCheck = now.plus(HUNGER_CHECK);
    } else if (held.size() < share && !now.isBefore(nextHungerCheck)) {
      // Below its share (another worker is releasing its extras, or one died): take the free
      // partitions now rather than at the next renewal, so their changes do not wait seconds.
      takeFree(now, now.plus(config.leaseTtl()));
      nextHungerCheck = now.plus(HUNGER_CHECK);
    }
    // A lease about to lapse is not used: a batch started now could outlive it.
    Instant safeUntil = now.plus(config.leaseRenewInterval());
    Map<Integer, Long> usable = new TreeMap<>();
    held.forEach(
        (partition, lease) -> {
          if (lease.expiresAt().isAfter(safeUntil)) {
            usable.put(partition, lease.token());
          }
        });
    return usable;
  }

  /**
   * Forgets a partition whose lease was taken by another worker; the next maintenance re-decides.
   */
  void lost(int partition) {
    held.remove(partition);
    nextMaintenance = Instant.MIN;
  }

  void releaseAll() {
    for (Lease lease : held.values()) {
      store.release(lease);
    }
    held.clear();
    store.list(migration, WORKER_PREFIX + owner).forEach(store::release);
  }

  private void maintain(Instant now) {
    Instant until = now.plus(config.leaseTtl());
    store.acquire(migration, WORKER_PREFIX + owner, owner, until);
    long live =
        store.list(migration, WORKER_PREFIX).stream()
            .filter(lease -> lease.expiresAt().isAfter(now))
            .count();
    share = (int) Math.ceil(partitions / (double) Math.max(1, live));

    held.entrySet()
        .removeIf(
            entry -> {
              boolean kept = store.renew(entry.getValue(), until);
              if (kept) {
                Lease old = entry.getValue();
                entry.setValue(
                    new Lease(old.migration(), old.resource(), old.owner(), old.token(), until));
              }
              return !kept;
            });
    while (held.size() > share) {
      int last = ((TreeMap<Integer, Lease>) held).lastKey();
      store.release(held.remove(last));
    }
    takeFree(now, until);
  }

  /** Acquires free or expired partitions, one listing plus one attempt per candidate. */
  private void takeFree(Instant now, Instant until) {
    if (held.size() >= share) {
      return;
    }
    Map<Integer, Lease> taken = new TreeMap<>();
    for (Lease lease : store.list(migration, PARTITION_PREFIX)) {
      if (lease.expiresAt().isAfter(now)) {
        taken.put(partitionOf(lease), lease);
      }
    }
    // Start at a different partition per worker so that workers do not all race for partition 0.
    int start = Math.floorMod(owner.hashCode(), partitions);
    for (int i = 0; i < partitions && held.size() < share; i++) {
      int partition = (start + i) % partitions;
      if (!held.containsKey(partition) && !taken.containsKey(partition)) {
        store
            .acquire(migration, PARTITION_PREFIX + partition, owner, until)
            .ifPresent(lease -> held.put(partition, lease));
      }
    }
  }

  private static int partitionOf(Lease lease) {
    try {
      return Integer.parseInt(lease.resource().substring(PARTITION_PREFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
