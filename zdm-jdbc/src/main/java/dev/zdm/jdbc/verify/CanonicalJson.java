package dev.zdm.jdbc.verify;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes JSON text in one canonical form, so that a MariaDB {@code JSON} column and a PostgreSQL
 * {@code jsonb} column holding the same document compare equal: no insignificant whitespace, object
 * members sorted by name with the last of duplicate names kept (as {@code jsonb} keeps it), numbers
 * by value ({@code 1.50}, {@code 1.5} and {@code 15e-1} alike), strings with one escaping. Text
 * that is not JSON is returned as it is, marked so it cannot equal a document. Stateless.
 */
final class CanonicalJson {

  private final String text;
  private int at;

  private CanonicalJson(String text) {
    this.text = text;
  }

  static String of(String json) {
    CanonicalJson parser = new CanonicalJson(json);
    try {
      StringBuilder out = new StringBuilder(json.length());
      parser.value(out);
      parser.space();
      if (parser.at != json.length()) {
        return "!" + json;
      }
      return out.toString();
    } catch (RuntimeException e) {
      return "!" + json;
    }
  }

  private void value(StringBuilder out) {
    space();
    char c = text.charAt(at);
    switch (c) {
      case '{' -> object(out);
      case '[' -> array(out);
      case '"' -> string(out);
      case 't' -> literal(out, "true");
      case 'f' -> literal(out, "false");
      case 'n' -> literal(out, "null");
      default -> number(out);
    }
  }

  private void object(StringBuilder out) {
    at++;
    Map<String, String> members = new TreeMap<>();
    space();
    if (text.charAt(at) == '}') {
      at++;
      out.append("{}");
      return;
    }
    while (true) {
      space();
      StringBuilder name = new StringBuilder();
      string(name);
      space();
      expect(':');
      StringBuilder member = new StringBuilder();
      value(member);
      members.put(name.toString(), member.toString());
      space();
      if (text.charAt(at) == ',') {
        at++;
      } else {
        expect('}');
        break;
      }
    }
    out.append('{');
    int i = 0;
    for (Map.Entry<String, String> member : members.entrySet()) {
      out.append(i++ > 0 ? "," : "").append(member.getKey()).append(':').append(member.getValue());
    }
    out.append('}');
  }

  private void array(StringBuilder out) {
    at++;
    out.append('[');
    space();
    if (text.charAt(at) == ']') {
      at++;
      out.append(']');
      return;
    }
    int i = 0;
    while (true) {
      if (i++ > 0) {
        out.append(',');
      }
      value(out);
      space();
      if (text.charAt(at) == ',') {
        at++;
      } else {
        expect(']');
        break;
      }
    }
    out.append(']');
  }

  private void string(StringBuilder out) {
    expect('"');
    out.append('"');
    while (true) {
      char c = text.charAt(at++);
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        char e = text.charAt(at++);
        c =
            switch (e) {
              case 'b' -> '\b';
              case 'f' -> '\f';
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              case 'u' -> {
                char u = (char) Integer.parseInt(text.substring(at, at + 4), 16);
                at += 4;
                yield u;
              }
              default -> e;
            };
      }
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  private void number(StringBuilder out) {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    BigDecimal value = new BigDecimal(text.substring(start, at));
    out.append(value.signum() == 0 ? "0" : value.stripTrailingZeros().toString());
  }

  private void literal(StringBuilder out, String word) {
    if (!text.startsWith(word, at)) {
      throw new IllegalArgumentException("not JSON");
    }
    at += word.length();
    out.append(word);
  }

  private void expect(char c) {
    if (text.charAt(at++) != c) {
      throw new IllegalArgumentException("not JSON");
    }
  }

  private void space() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }
}
