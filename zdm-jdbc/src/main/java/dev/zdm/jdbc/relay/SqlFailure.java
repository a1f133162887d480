package dev.zdm.jdbc.relay;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Pattern;

/**
 * Reads a driver's {@link SQLException} for the relay: was it an outage or a refusal, and what does
 * it say once row values are taken out. Drivers put values into messages (PostgreSQL's "Detail: Key
 * (email)=(...)", MariaDB's "Duplicate entry '...'"), and these messages go to logs and the
 * dead-letter table.
 */
public final class SqlFailure {

  private static final Pattern PG_DETAIL = Pattern.compile("(?s)\\s*(Detail|Where|Hint):.*");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.$]{0,63}");

  private SqlFailure() {}

  /** True when the database could not be reached or the connection broke: SQLState class 08. */
  public static boolean isOutage(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P01"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the database refused a write on a foreign key: a referenced row missing or a
   * referencing row remaining. SQLState 23503 (PostgreSQL; H2 for a remaining child), 23506 (H2, a
   * missing parent), MariaDB/MySQL error 1451 or 1452 (SQLState 23000).
   */
  public static boolean isForeignKeyViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
          String state = s.getSQLState();
          if ("23503".equals(state)
              || "23506".equals(state)
              || s.getErrorCode() == 1451 && "23000".equals(state)
              || s.getErrorCode() == 1452 && "23000".equals(state)) {
            return true;
          }
          if (s.getNextException() == s) {
            break;
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * True when the database rolled the statement or transaction back to resolve a conflict with
   * concurrent ones: SQLState 40001 (serialization failure; MariaDB's and H2's deadlock), 40P01
   * (PostgreSQL's deadlock), HYT00 (H2's lock timeout), MariaDB/MySQL error 1205 (lock wait
   * timeout) or 1213 (deadlock).
   */
  public static boolean isConflict(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if ("40001".equals(state)
            || "40P01".equals(state)
            || "HYT00".equals(state)
            || s.getErrorCode() == 1205
            || s.getErrorCode() == 1213) {
          return true;
        }
      }
    }
    return false;
  }

  /** The SQLState and the driver's message with values removed. */
  public static String describe(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    message = PG_DETAIL.matcher(message).replaceAll("");
    return "SQLState " + e.getSQLState() + ": " + redactQuoted(message).strip();
  }

  /**
   * Replaces each single-quoted literal by {@code '?'}, keeping short identifier-like ones (the
   * names of keys and columns) unless the text before it says it is a value.
   */
  private static String redactQuoted(String message) {
    StringBuilder out = new StringBuilder(message.length());
    int at = 0;
    while (at < message.length()) {
      int open = message.indexOf('\'', at);
      if (open < 0) {
        out.append(message, at, message.length());
        break;
      }
      int close = open + 1;
      while (close < message.length()) {
        if (message.charAt(close) == '\'') {
          if (close + 1 < message.length() && message.charAt(close + 1) == '\'') {
            close += 2;
            continue;
          }
          break;
        }
        close++;
      }
      if (close >= message.length()) {
        out.append(message, at, open).append("'?'");
        break;
      }
      String before = message.substring(at, open);
      String inner = message.substring(open + 1, close);
      boolean saysValue = before.matches("(?s).*(entry|value:?|values?)\\s*$");
      out.append(before)
          .append(!saysValue && IDENTIFIER.matcher(inner).matches() ? "'" + inner + "'" : "'?'");
      at = close + 1;
    }
    return out.toString();
  }
}
