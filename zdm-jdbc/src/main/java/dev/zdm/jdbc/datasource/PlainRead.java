package dev.zdm.jdbc.datasource;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells whether a statement is a plain read: the only statements the read canary may send to the
 * side that is not authoritative. Deliberately strict, since a statement wrongly taken for a read
 * would write on the wrong side: {@code SELECT}, {@code WITH}, {@code VALUES} and {@code SHOW},
 * with no locking clause ({@code FOR UPDATE}, {@code FOR SHARE}, {@code LOCK IN SHARE MODE}), no
 * {@code INTO} and no data-changing keyword outside string literals and comments. Functions with
 * side effects called from a {@code SELECT} cannot be told apart here; a connection marked
 * read-only promises there are none (PostgreSQL enforces it in a transaction).
 */
final class PlainRead {

  private static final Pattern LITERALS_AND_COMMENTS =
      Pattern.compile(
          "'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`[^`]*`|--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern FIRST_WORD = Pattern.compile("^[\\s(]*([A-Z]+)");
  private static final Pattern WRITES =
      Pattern.compile(
          "\\b(INSERT|UPDATE|DELETE|MERGE|UPSERT|REPLACE|INTO|LOCK|TRUNCATE|CREATE|DROP|ALTER"
              + "|GRANT|CALL|COPY|NEXTVAL|SETVAL)\\b|\\bFOR\\s+(NO\\s+KEY\\s+)?(UPDATE|SHARE|KEY)\\b");

  private PlainRead() {}

  /** Whether {@code sql} only reads; false for null (a batch of plain statements). */
  static boolean is(String sql) {
    if (sql == null) {
      return false;
    }
    String text = LITERALS_AND_COMMENTS.matcher(sql).replaceAll(" ").toUpperCase(Locale.ROOT);
    var first = FIRST_WORD.matcher(text);
    if (!first.find()) {
      return false;
    }
    return switch (first.group(1)) {
      case "SELECT", "WITH", "VALUES", "SHOW" -> !WRITES.matcher(text).find();
      default -> false;
    };
  }
}
