package dev.zdm.jdbc.rows;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes keyset conditions over a primary key of one or more columns: {@code key > after} and
 * {@code key <= last} in the key's lexicographic order. Each is written as a leading-column range
 * (which every engine's optimizer turns into an index range scan) refined by the exact tuple
 * comparison spelled out column by column, because MariaDB does not use an index for row
 * constructors such as {@code (a, b) > (?, ?)}. Parameters are key positions in binding order.
 */
final class KeysetRange {

  private KeysetRange() {}

  /** A condition's SQL and, per parameter marker, the key column position it binds. */
  record Condition(String sql, List<Integer> keyPositions) {}

  static Condition after(List<String> quotedKey, List<String> placeholders) {
    return compare(quotedKey, placeholders, ">", ">=", ">");
  }

  static Condition atMost(List<String> quotedKey, List<String> placeholders) {
    return compare(quotedKey, placeholders, "<", "<=", "<=");
  }

  private static Condition compare(
      List<String> key, List<String> marks, String strict, String lead, String lastOp) {
    List<Integer> positions = new ArrayList<>();
    StringBuilder sql = new StringBuilder("(");
    if (key.size() > 1) {
      sql.append(key.get(0)).append(' ').append(lead).append(' ').append(marks.get(0));
      positions.add(0);
      sql.append(" AND (");
    }
    for (int i = 0; i < key.size(); i++) {
      if (i > 0) {
        sql.append(" OR ");
      }
      sql.append('(');
      for (int j = 0; j < i; j++) {
        sql.append(key.get(j)).append(" = ").append(marks.get(j)).append(" AND ");
        positions.add(j);
      }
      String op = i == key.size() - 1 ? lastOp : strict;
      sql.append(key.get(i)).append(' ').append(op).append(' ').append(marks.get(i)).append(')');
      positions.add(i);
    }
    if (key.size() > 1) {
      sql.append(')');
    }
    return new Condition(sql.append(')').toString(), List.copyOf(positions));
  }
}
