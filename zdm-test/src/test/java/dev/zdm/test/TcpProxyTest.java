package dev.zdm.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

@RealDatabaseTest
class TcpProxyTest {

  private static int one(Connection connection) throws SQLException {
    try (ResultSet row = connection.createStatement().executeQuery("SELECT 1")) {
      row.next();
      return row.getInt(1);
    }
  }

  private static boolean fails(Connection connection) {
    try {
      one(connection);
      return false;
    } catch (SQLException e) {
      return true;
    }
  }

  @Test
  void cutDropsConnectionsAndClosesThePortUntilRestored(TestDatabases databases)
      throws SQLException {
    TestDatabase db = databases.create(Engine.POSTGRES, "proxy");
    try (TcpProxy proxy = TcpProxy.inFrontOf(db.jdbcUrl())) {
      String url = proxy.rewrite(db.jdbcUrlWithCredentials());
      assertThat(url).contains("127.0.0.1:" + proxy.port());
      try (Connection through = DriverManager.getConnection(url)) {
        assertThat(one(through)).isEqualTo(1);

        proxy.cut();

        // The cut reaches the client as a closed socket; give the kernel a moment to deliver it.
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(5))
            .ignoreNoExceptions()
            .until(() -> fails(through));
        assertThatThrownBy(() -> DriverManager.getConnection(url))
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
      }

      proxy.restore();

      try (Connection again = DriverManager.getConnection(url)) {
        assertThat(one(again)).isEqualTo(1);
      }
    }
  }
}
