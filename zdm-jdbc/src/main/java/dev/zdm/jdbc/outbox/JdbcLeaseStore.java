package dev.zdm.jdbc.outbox;

import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.relay.LeaseStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Leases in zdm's {@code <prefix>leases} table. Expiries are epoch milliseconds by the
 * leaseholders' clocks, which must agree to well within the lease time (NTP does). A lease row is
 * never deleted, so fencing tokens only grow. Thread-safe; each call is one short transaction.
 */
public final class JdbcLeaseStore implements LeaseStore {

  private final ZdmDatabase db;
  private final String leases;
  private final Clock clock;

  /**
   * Creates the store.
   *
   * @param db the database holding the leases, with zdm's schema installed
   * @param clock the clock that decides whether a lease has expired
   */
  public JdbcLeaseStore(ZdmDatabase db, Clock clock) {
    this.db = db;
    this.leases = db.table(db.tables().leases());
    this.clock = clock;
  }

  @Override
  public Optional<Lease> acquire(String migration, String resource, String owner, Instant until) {
    try (Connection connection = db.dataSource().getConnection()) {
      // Ours already: extend it and keep its token.
      if (update(
              connection,
              "UPDATE "
                  + leases
                  + " SET expires_at_ms = ?"
                  + " WHERE migration = ? AND resource = ? AND owner = ? AND expires_at_ms >= ?",
              until.toEpochMilli(),
              migration,
              resource,
              owner,
              clock.millis())
          == 1) {
        return read(connection, migration, resource);
      }
      // Expired or released: take it over with a larger token.
      if (update(
              connection,
              "UPDATE "
                  + leases
                  + " SET owner = ?, token = token + 1, expires_at_ms = ?"
                  + " WHERE migration = ? AND resource = ? AND expires_at_ms < ?",
              owner,
              until.toEpochMilli(),
              migration,
              resource,
              clock.millis())
          == 1) {
        return read(connection, migration, resource);
      }
      if (read(connection, migration, resource).isPresent()) {
        return Optional.empty();
      }
      try {
        update(
            connection,
            "INSERT INTO "
                + leases
                + " (migration, resource, owner, token, expires_at_ms)"
                + " VALUES (?, ?, ?, 1, ?)",
            migration,
            resource,
            owner,
            until.toEpochMilli());
        return read(connection, migration, resource);
      } catch (SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
          return Optional.empty(); // another worker inserted it first
        }
        throw e;
      }
    } catch (SQLException e) {
      throw JdbcOutboxStore.failure(migration, "acquiring lease " + resource, e);
    }
  }

  @Override
  public boolean renew(Lease lease, Instant until) {
    try (Connection connection = db.dataSource().getConnection()) {
      return update(
              connection,
              "UPDATE "
                  + leases
                  + " SET expires_at_ms = ?"
                  + " WHERE migration = ? AND resource = ? AND owner = ? AND token = ?"
                  + " AND expires_at_ms >= ?",
              until.toEpochMilli(),
              lease.migration(),
              lease.resource(),
              lease.owner(),
              lease.token(),
              clock.millis())
          == 1;
    } catch (SQLException e) {
      throw JdbcOutboxStore.failure(lease.migration(), "renewing lease " + lease.resource(), e);
    }
  }

  @Override
  public void release(Lease lease) {
    try (Connection connection = db.dataSource().getConnection()) {
      update(
          connection,
          "UPDATE "
              + leases
              + " SET expires_at_ms = 0"
              + " WHERE migration = ? AND resource = ? AND owner = ? AND token = ?",
          lease.migration(),
          lease.resource(),
          lease.owner(),
          lease.token());
    } catch (SQLException e) {
      throw JdbcOutboxStore.failure(lease.migration(), "releasing lease " + lease.resource(), e);
    }
  }

  @Override
  public List<Lease> list(String migration, String resourcePrefix) {
    String pattern = resourcePrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    try (Connection connection = db.dataSource().getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT migration, resource, owner, token, expires_at_ms FROM "
                    + leases
                    + " WHERE migration = ? AND resource LIKE ? ESCAPE '!' ORDER BY resource")) {
      select.setString(1, migration);
      select.setString(2, pattern);
      List<Lease> found = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(lease(rows));
        }
      }
      return found;
    } catch (SQLException e) {
      throw JdbcOutboxStore.failure(migration, "listing leases", e);
    }
  }

  private Optional<Lease> read(Connection connection, String migration, String resource)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT migration, resource, owner, token, expires_at_ms FROM "
                + leases
                + " WHERE migration = ? AND resource = ?")) {
      select.setString(1, migration);
      select.setString(2, resource);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(lease(row)) : Optional.empty();
      }
    }
  }

  private static Lease lease(ResultSet row) throws SQLException {
    return new Lease(
        row.getString(1),
        row.getString(2),
        row.getString(3),
        row.getLong(4),
        Instant.ofEpochMilli(row.getLong(5)));
  }

  private static int update(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      return statement.executeUpdate();
    }
  }
}
