package dev.zdm.jdbc.backfill;

import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.relay.FencedOutException;
import dev.zdm.relay.LeaseStore.Lease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Checks, inside a chunk's transaction, that a range's lease is still the caller's. A process that
 * takes the range over raises the token, and its acquisition waits for this transaction (the lease
 * row is locked), so two processes never commit chunks of one range on top of each other.
 */
final class LeaseFence {

  private LeaseFence() {}

  /**
   * Locks the lease row and compares its owner and token.
   *
   * @throws FencedOutException if another process holds the range now
   */
  static void check(Connection connection, ZdmDatabase database, String migration, Lease lease)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT owner, token FROM "
                + database.table(database.tables().leases())
                + " WHERE migration = ? AND resource = ? FOR UPDATE")) {
      select.setString(1, migration);
      select.setString(2, lease.resource());
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()
            || row.getLong(2) != lease.token()
            || !lease.owner().equals(row.getString(1))) {
          throw new FencedOutException(
              migration
                  + ": backfill range "
                  + lease.resource()
                  + " was taken over by another process; this chunk is rolled back and left to it");
        }
      }
    }
  }
}
