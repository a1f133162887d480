package dev.zdm.jdbc.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** A user's own H2 trigger, which capture must leave alone: copies each new order id to audit. */
public final class AuditTrigger implements Trigger {

  /** Called by H2. */
  public AuditTrigger() {}

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit VALUES (?)")) {
      insert.setObject(1, newRow[0]);
      insert.executeUpdate();
    }
  }
}
