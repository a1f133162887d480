package dev.zdm;

import java.util.Locale;

/**
 * A JSON string literal, for the reports zdm writes by hand (verification reports, the quickstart's
 * and the benchmarks' summaries): quotes, backslashes and control characters escaped, everything
 * else kept as it is. Not for key text compared with what a database's own JSON functions write
 * (those follow the engine's escaping). Stateless and thread-safe.
 */
public final class JsonText {

  private JsonText() {}

  /**
   * Appends {@code text} as a JSON string literal.
   *
   * @param out where to append
   * @param text the text, not null
   * @return {@code out}
   */
  public static StringBuilder appendQuoted(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }

  /**
   * Returns {@code text} as a JSON string literal.
   *
   * @param text the text, not null
   * @return the literal, quotes included
   */
  public static String quote(String text) {
    return appendQuoted(new StringBuilder(text.length() + 2), text).toString();
  }
}
