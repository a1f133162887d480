package dev.zdm.backfill;

import dev.zdm.relay.LeaseStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Leases in a map, with the same takeover rules as the JDBC store. Thread-safe. */
final class InMemoryLeases implements LeaseStore {

  private final Clock clock;
  private final Map<String, Lease> leases = new HashMap<>();

  InMemoryLeases(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Optional<Lease> acquire(
      String migration, String resource, String owner, Instant until) {
    Lease current = leases.get(resource);
    Instant now = clock.instant();
    long token;
    if (current == null) {
      token = 1;
    } else if (current.owner().equals(owner) && !current.expiresAt().isBefore(now)) {
      token = current.token();
    } else if (current.expiresAt().isBefore(now)) {
      token = current.token() + 1;
    } else {
      return Optional.empty();
    }
    Lease lease = new Lease(migration, resource, owner, token, until);
    leases.put(resource, lease);
    return Optional.of(lease);
  }

  @Override
  public synchronized boolean renew(Lease lease, Instant until) {
    Lease current = leases.get(lease.resource());
    // as the JDBC store: a lease that lapsed is not renewed, even if nobody took it
    if (current == null
        || current.token() != lease.token()
        || current.expiresAt().isBefore(clock.instant())) {
      return false;
    }
    leases.put(
        lease.resource(),
        new Lease(lease.migration(), lease.resource(), lease.owner(), lease.token(), until));
    return true;
  }

  @Override
  public synchronized void release(Lease lease) {
    Lease current = leases.get(lease.resource());
    if (current != null && current.token() == lease.token()) {
      leases.put(
          lease.resource(),
          new Lease(
              lease.migration(), lease.resource(), lease.owner(), lease.token(), Instant.EPOCH));
    }
  }

  @Override
  public synchronized List<Lease> list(String migration, String resourcePrefix) {
    List<Lease> found = new ArrayList<>();
    for (Lease lease : leases.values()) {
      if (lease.resource().startsWith(resourcePrefix)) {
        found.add(lease);
      }
    }
    return found;
  }
}
