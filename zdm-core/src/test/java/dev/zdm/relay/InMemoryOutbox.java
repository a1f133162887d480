package dev.zdm.relay;

import dev.zdm.change.Change;
import dev.zdm.change.ChangeOp;
import dev.zdm.change.RowKey;
import dev.zdm.change.TableKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay's ports kept in memory, for testing the engine's logic alone. The JDBC stores are
 * tested against real databases in zdm-jdbc.
 */
final class InMemoryOutbox implements OutboxStore, LeaseStore, DeadLetterStore {

  private final Clock clock;
  private final int partitions;
  private final AtomicLong ids = new AtomicLong();
  final Map<Long, Change> pending = new TreeMap<>();
  final List<DeadLetter> parked = new ArrayList<>();
  private final Map<String, Lease> leases = new TreeMap<>();

  InMemoryOutbox(Clock clock, int partitions) {
    this.clock = clock;
    this.partitions = partitions;
  }

  synchronized Change write(String table, Object... key) {
    RowKey rowKey = RowKey.of(key);
    long id = ids.incrementAndGet();
    Change change =
        new Change(
            id,
            table,
            rowKey,
            rowKey.toJson(),
            ChangeOp.UPDATE,
            Math.floorMod(rowKey.hashCode(), partitions),
            clock.instant());
    pending.put(id, change);
    return change;
  }

  @Override
  public synchronized List<Change> claim(String migration, Set<Integer> held, int limit) {
    return pending.values().stream()
        .filter(c -> held.contains(c.partition()))
        .limit(limit)
        .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
  }

  @Override
  public synchronized void acknowledge(String migration, Collection<Long> done) {
    done.forEach(pending::remove);
  }

  @Override
  public synchronized Backlog backlog(String migration) {
    Optional<Instant> oldest =
        pending.values().stream().map(Change::capturedAt).min(Instant::compareTo);
    return new Backlog(pending.size(), oldest, clock.instant());
  }

  @Override
  public synchronized boolean hasPending(String migration) {
    return !pending.isEmpty();
  }

  @Override
  public synchronized boolean pendingUpTo(String migration, long upTo, Collection<Long> except) {
    return pending.keySet().stream().anyMatch(id -> id <= upTo && !except.contains(id));
  }

  @Override
  public synchronized void enqueue(String migration, String table, String keyText, int partition) {
    write(table, RowKey.parseJson(keyText).values().toArray());
  }

  @Override
  public synchronized Optional<Lease> acquire(
      String migration, String resource, String owner, Instant until) {
    Lease current = leases.get(resource);
    Instant now = clock.instant();
    if (current == null) {
      return put(new Lease(migration, resource, owner, 1, until));
    }
    if (current.owner().equals(owner) && !current.expiresAt().isBefore(now)) {
      return put(new Lease(migration, resource, owner, current.token(), until));
    }
    if (current.expiresAt().isBefore(now)) {
      return put(new Lease(migration, resource, owner, current.token() + 1, until));
    }
    return Optional.empty();
  }

  private Optional<Lease> put(Lease lease) {
    leases.put(lease.resource(), lease);
    return Optional.of(lease);
  }

  @Override
  public synchronized boolean renew(Lease lease, Instant until) {
    Lease current = leases.get(lease.resource());
    if (current != null
        && current.owner().equals(lease.owner())
        && current.token() == lease.token()
        && !current.expiresAt().isBefore(clock.instant())) {
      put(new Lease(lease.migration(), lease.resource(), lease.owner(), lease.token(), until));
      return true;
    }
    return false;
  }

  @Override
  public synchronized void release(Lease lease) {
    Lease current = leases.get(lease.resource());
    if (current != null
        && current.owner().equals(lease.owner())
        && current.token() == lease.token()) {
      put(
          new Lease(
              lease.migration(), lease.resource(), lease.owner(), lease.token(), Instant.EPOCH));
    }
  }

  @Override
  public synchronized List<Lease> list(String migration, String resourcePrefix) {
    return leases.values().stream().filter(l -> l.resource().startsWith(resourcePrefix)).toList();
  }

  synchronized Map<String, Lease> leases() {
    return Map.copyOf(leases);
  }

  @Override
  public synchronized void park(
      String migration, List<Change> changes, String error, int attempts) {
    for (Change change : changes) {
      parked.add(
          new DeadLetter(
              change.id(),
              change.table(),
              change.keyText(),
              change.op(),
              error,
              attempts,
              clock.instant(),
              clock.instant()));
      pending.remove(change.id());
    }
  }

  @Override
  public synchronized Set<TableKey> parkedAmong(String migration, Collection<Change> changes) {
    Set<TableKey> found = new HashSet<>();
    for (Change change : changes) {
      for (DeadLetter letter : parked) {
        if (letter.table().equals(change.table()) && letter.keyText().equals(change.keyText())) {
          found.add(change.row());
        }
      }
    }
    return found;
  }

  @Override
  public synchronized List<DeadLetter> list(String migration, int limit) {
    return parked.stream().limit(limit).toList();
  }

  @Override
  public synchronized boolean replay(String migration, long id) {
    Optional<DeadLetter> letter = parked.stream().filter(l -> l.id() == id).findFirst();
    letter.ifPresent(
        l -> {
          parked.removeIf(p -> p.table().equals(l.table()) && p.keyText().equals(l.keyText()));
          enqueue(migration, l.table(), l.keyText(), 0);
        });
    return letter.isPresent();
  }

  @Override
  public synchronized boolean discard(String migration, long id) {
    return parked.removeIf(l -> l.id() == id);
  }
}
