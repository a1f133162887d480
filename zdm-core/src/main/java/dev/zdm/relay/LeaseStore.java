package dev.zdm.relay;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Time-limited, exclusive claims on shared work (relay partitions, backfill ranges), kept in the
 * database so that every process sees them. Each acquisition gets a fencing token larger than any
 * earlier one for the same resource, so work done under an expired lease can be refused.
 * Implementations are thread-safe.
 */
public interface LeaseStore {

  /**
   * Takes a lease if it is free, expired, or already held by this owner (then it is extended and
   * keeps its token).
   *
   * @param migration the migration
   * @param resource what is leased, such as {@code relay:7}
   * @param owner who asks, unique per worker
   * @param until when the lease expires unless renewed
   * @return the lease, or empty when someone else holds it
   */
  Optional<Lease> acquire(String migration, String resource, String owner, Instant until);

  /**
   * Extends a lease the owner still holds.
   *
   * @param lease the lease
   * @param until the new expiry
   * @return true if extended, false if it was lost (expired and taken, or released)
   */
  boolean renew(Lease lease, Instant until);

  /**
   * Gives a lease up early so another worker can take it at once.
   *
   * @param lease the lease
   */
  void release(Lease lease);

  /**
   * Lists the leases of a migration whose resource starts with a prefix.
   *
   * @param migration the migration
   * @param resourcePrefix such as {@code relay-worker:}
   * @return the leases, expired ones included
   */
  List<Lease> list(String migration, String resourcePrefix);

  /**
   * One lease.
   *
   * @param migration the migration
   * @param resource what is leased
   * @param owner who holds it
   * @param token the fencing token of this acquisition
   * @param expiresAt when it lapses unless renewed
   */
  record Lease(String migration, String resource, String owner, long token, Instant expiresAt) {}
}
