package dev.zdm.jdbc.relay;

import dev.zdm.test.Engine;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;

/**
 * The application side of the relay tests: a table with a composite key (a hot key space, so rows
 * are written many times), unicode text, NULLs and exact decimals, written by plain JDBC
 * connections that know nothing of zdm.
 */
public final class ItemsWorkload {

  public static final String TABLE = "items";
  static final String ORDER_BY = "id, region";

  private static final String[] REGIONS = {"eu", "us", "ap"};
  private static final String[] NAMES = {
    "plain", "café", "naïve", "日本語", "emoji 😀", "e\u0301 combining", "trailing  ", "", "quote ' \""
  };

  private ItemsWorkload() {}

  static String ddl(Engine engine) {
    String text =
        engine == Engine.MARIADB
            ? "VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
            : "VARCHAR(100)";
    return "CREATE TABLE items (id BIGINT NOT NULL, region VARCHAR(8) NOT NULL, name "
        + text
        + ", qty INTEGER, price NUMERIC(12,3) NOT NULL, PRIMARY KEY (id, region))";
  }

  static void create(Connection connection, Engine engine) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(ddl(engine));
    }
  }

  /**
   * One random write; returns false when it found nothing to change or the database chose it as a
   * deadlock victim (InnoDB does, for this workload, with or without zdm: concurrent
   * delete-then-insert of one key under REPEATABLE READ). A victim's statement is rolled back and
   * committed nothing, which is what an application that gives up on it sees too.
   */
  public static boolean write(Connection connection, Random random, int keySpace)
      throws SQLException {
    try {
      return writeOnce(connection, random, keySpace);
    } catch (SQLException e) {
      if ("40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  private static boolean writeOnce(Connection connection, Random random, int keySpace)
      throws SQLException {
    long id = random.nextInt(keySpace);
    String region = REGIONS[random.nextInt(REGIONS.length)];
    int op = random.nextInt(10);
    if (op < 4) {
      try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM items WHERE id = ? AND region = ?");
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO items (id, region, name, qty, price) VALUES (?, ?, ?, ?, ?)")) {
        // delete-then-insert keeps the insert from failing on an existing key, portably
        delete.setLong(1, id);
        delete.setString(2, region);
        delete.executeUpdate();
        insert.setLong(1, id);
        insert.setString(2, region);
        bindValues(insert, random, 3);
        try {
          return insert.executeUpdate() == 1;
        } catch (SQLException e) {
          if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
            return false; // a concurrent writer inserted the key first; nothing was committed
          }
          throw e;
        }
      }
    }
    if (op < 8) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE items SET name = ?, qty = ?, price = ? WHERE id = ? AND region = ?")) {
        bindValues(update, random, 1);
        update.setLong(4, id);
        update.setString(5, region);
        return update.executeUpdate() > 0;
      }
    }
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM items WHERE id = ? AND region = ?")) {
      delete.setLong(1, id);
      delete.setString(2, region);
      return delete.executeUpdate() > 0;
    }
  }

  private static void bindValues(PreparedStatement statement, Random random, int from)
      throws SQLException {
    String name = random.nextInt(8) == 0 ? null : NAMES[random.nextInt(NAMES.length)];
    statement.setString(from, name);
    if (random.nextInt(5) == 0) {
      statement.setNull(from + 1, java.sql.Types.INTEGER);
    } else {
      statement.setInt(from + 1, random.nextInt(1000) - 500);
    }
    statement.setBigDecimal(
        from + 2, BigDecimal.valueOf(random.nextInt(10_000_000) - 5_000_000L, 3));
  }

  /**
   * Concurrent writers for one random workload: writer {@code w} draws its writes from {@code
   * Random(seed + w)}, each on a connection of its own.
   */
  public static List<java.util.concurrent.Callable<Integer>> writers(
      dev.zdm.test.TestDatabase source, long seed, int writers, int writesEach, int keySpace) {
    List<java.util.concurrent.Callable<Integer>> tasks = new java.util.ArrayList<>();
    for (int w = 0; w < writers; w++) {
      Random random = new Random(seed + w);
      tasks.add(
          () -> {
            try (Connection connection = source.connect()) {
              for (int i = 0; i < writesEach; i++) {
                write(connection, random, keySpace);
              }
            }
            return writesEach;
          });
    }
    return tasks;
  }

  public static List<String> snapshot(Connection connection) throws SQLException {
    return IndependentComparison.rows(connection, TABLE, ORDER_BY);
  }
}
