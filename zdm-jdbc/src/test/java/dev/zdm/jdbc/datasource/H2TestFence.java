package dev.zdm.jdbc.datasource;

import dev.zdm.control.Fence;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.api.Trigger;

/** The test fence on H2: refuses writes to its table with SQLSTATE ZD001 while switched on. */
public final class H2TestFence implements Trigger {

  /**
   * The function the callable-statement test calls on H2.
   *
   * @param x a number
   * @return the next one
   */
  public static int addOne(int x) {
    return x + 1;
  }

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT fenced FROM fence_switch")) {
      if (row.next() && row.getInt(1) == 1) {
        throw new SQLException("test fence: this side is fenced", Fence.SQLSTATE);
      }
    }
  }
}
