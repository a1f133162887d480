package dev.zdm.jdbc.shadow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What shadow reads need to know about one SQL text, found by a small lexer (no parser): its
 * fingerprint (literals replaced by {@code ?}, comments dropped, whitespace normalised, keywords
 * upper-cased), whether it is plainly read-only, and whether it orders its result at the top level.
 * Conservative by design: anything it does not recognise as a plain read is refused. Immutable.
 *
 * @param fingerprint the SQL with literals stripped, safe to log
 * @param refusal why the statement is never shadowed, null when it may be
 * @param ordered whether the statement has an {@code ORDER BY} outside any parentheses
 */
record SqlShape(String fingerprint, String refusal, boolean ordered) {

  /** Words that make a statement write, lock or change the session, wherever they appear. */
  private static final Set<String> WRITING =
      Set.of(
          "INSERT",
          "UPDATE",
          "DELETE",
          "MERGE",
          "UPSERT",
          "TRUNCATE",
          "CREATE",
          "ALTER",
          "DROP",
          "GRANT",
          "REVOKE",
          "CALL",
          "DO",
          "COPY",
          "LOCK",
          "SET",
          "NEXTVAL",
          "SETVAL",
          "LASTVAL",
          "LAST_INSERT_ID",
          "GET_LOCK",
          "RELEASE_LOCK",
          "RELEASE_ALL_LOCKS");

  /**
   * Describes one statement.
   *
   * @param sql the application's SQL
   * @param sideEffects lower-case names of functions with side effects, never shadowed
   */
  static SqlShape of(String sql, Set<String> sideEffects) {
    List<String> tokens = new ArrayList<>();
    String lexFailure = lex(sql, tokens);
    String fingerprint =
        String.join(" ", tokens).replace("( ", "(").replace(" )", ")").replace(" ,", ",");
    if (lexFailure != null) {
      return new SqlShape(fingerprint, lexFailure, false);
    }
    return new SqlShape(fingerprint, refusal(tokens, sideEffects), ordered(tokens));
  }

  private static String refusal(List<String> tokens, Set<String> sideEffects) {
    if (tokens.isEmpty()) {
      return "not-select";
    }
    String first = tokens.get(0);
    if (!first.equals("SELECT") && !first.equals("WITH") && !first.equals("(")) {
      return "not-select";
    }
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
      switch (token) {
        case "(" -> depth++;
        case ")" -> depth--;
        case ";" -> {
          if (i != tokens.size() - 1) {
            return "several-statements";
          }
        }
        case "FOR" -> {
          if (next.equals("UPDATE")
              || next.equals("SHARE")
              || next.equals("NO")
              || next.equals("KEY")) {
            return "locking-read";
          }
        }
        case "LOCK" -> {
          return "locking-read";
        }
        case "INTO" -> {
          return "select-into";
        }
        default -> {
          if (next.equals("(") && sideEffects.contains(lastPart(token))) {
            return "side-effect-function";
          }
          if (WRITING.contains(token)
              || WRITING.contains(lastPart(token).toUpperCase(Locale.ROOT)) && next.equals("(")) {
            return "not-read-only";
          }
        }
      }
    }
    return depth == 0 ? null : "unbalanced";
  }

  private static boolean ordered(List<String> tokens) {
    int depth = 0;
    for (int i = 0; i + 1 < tokens.size(); i++) {
      String token = tokens.get(i);
      if (token.equals("(")) {
        depth++;
      } else if (token.equals(")")) {
        depth--;
      } else if (depth == 0 && token.equals("ORDER") && tokens.get(i + 1).equals("BY")) {
        return true;
      }
    }
    return false;
  }

  private static String lastPart(String identifier) {
    int dot = identifier.lastIndexOf('.');
    String name = dot < 0 ? identifier : identifier.substring(dot + 1);
    return name.replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
  }

  /**
   * Splits the SQL into tokens: words upper-cased (quoted identifiers kept as written), literals
   * (strings, numbers, dollar-quoted bodies) as {@code ?}, punctuation one character each.
   *
   * @return why the text cannot be read safely, or null
   */
  private static String lex(String sql, List<String> out) {
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          return "unbalanced";
        }
        i = end + 2;
      } else if (c == '\'') {
        i = closing(sql, i, '\'');
        if (i < 0) {
          return "unbalanced";
        }
        out.add("?");
      } else if (c == '"' || c == '`') {
        int end = closing(sql, i, c);
        if (end < 0) {
          return "unbalanced";
        }
        appendWord(out, sql.substring(i, end));
        i = end;
      } else if (c == '$' && i + 1 < n && !Character.isDigit(sql.charAt(i + 1))) {
        int tagEnd = sql.indexOf('$', i + 1);
        if (tagEnd < 0) {
          return "unbalanced";
        }
        String tag = sql.substring(i, tagEnd + 1);
        int end = sql.indexOf(tag, tagEnd + 1);
        if (end < 0) {
          return "unbalanced";
        }
        out.add("?");
        i = end + tag.length();
      } else if (Character.isDigit(c)
          || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        out.add("?");
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n
            && (Character.isLetterOrDigit(sql.charAt(i))
                || sql.charAt(i) == '_'
                || sql.charAt(i) == '$')) {
          i++;
        }
        appendWord(out, sql.substring(start, i).toUpperCase(Locale.ROOT));
      } else if (c == '$') {
        // A positional parameter such as $1.
        i++;
        while (i < n && Character.isDigit(sql.charAt(i))) {
          i++;
        }
        out.add("?");
      } else if ("<>=!|:".indexOf(c) >= 0) {
        int start = i;
        while (i < n && "<>=!|:".indexOf(sql.charAt(i)) >= 0) {
          i++;
        }
        out.add(sql.substring(start, i));
      } else {
        out.add(String.valueOf(c));
        i++;
      }
    }
    return null;
  }

  /** Joins {@code a . b} into one qualified name token, so function names keep their schema. */
  private static void appendWord(List<String> out, String word) {
    int size = out.size();
    if (size >= 2 && out.get(size - 1).equals(".") && !out.get(size - 2).equals("?")) {
      out.remove(size - 1);
      out.set(size - 2, out.get(size - 2) + "." + word);
    } else {
      out.add(word);
    }
  }

  /** The index after the quote that closes the one at {@code start}; doubled quotes escape. */
  private static int closing(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\' && quote == '\'') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return -1;
  }
}
