package dev.zdm.change;

import dev.zdm.ZdmException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Reads the one JSON shape zdm stores keys in: a flat array of scalars. Not thread-safe. */
final class JsonArrayReader {

  private final String text;
  private int at;

  JsonArrayReader(String text) {
    if (text == null) {
      throw new ZdmException("a row key must not be null");
    }
    this.text = text;
  }

  List<Object> read() {
    List<Object> values = new ArrayList<>();
    skipSpace();
    expect('[');
    skipSpace();
    if (peek() == ']') {
      at++;
    } else {
      while (true) {
        skipSpace();
        values.add(value());
        skipSpace();
        char c = next();
        if (c == ']') {
          break;
        }
        if (c != ',') {
          throw error("expected ',' or ']'");
        }
      }
    }
    skipSpace();
    if (at != text.length()) {
      throw error("unexpected text after the array");
    }
    return values;
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    if (text.startsWith("true", at)) {
      at += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", at)) {
      at += 5;
      return Boolean.FALSE;
    }
    if (text.startsWith("null", at)) {
      throw error("a key value must not be null");
    }
    throw error("expected a string, number or boolean");
  }

  private Object number() {
    int start = at;
    boolean integral = true;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '.' || c == 'e' || c == 'E') {
        integral = false;
      } else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
        break;
      }
      at++;
    }
    String literal = text.substring(start, at);
    try {
      if (integral && literal.length() < 19) {
        return Long.parseLong(literal);
      }
      BigDecimal decimal = new BigDecimal(literal);
      if (integral && decimal.toBigInteger().bitLength() < 64) {
        return decimal.longValueExact();
      }
      return decimal;
    } catch (NumberFormatException | ArithmeticException e) {
      throw error("bad number '" + literal + "'");
    }
  }

  private String string() {
    expect('"');
    StringBuilder s = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return s.toString();
      }
      if (c != '\\') {
        s.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> s.append(e);
        case 'b' -> s.append('\b');
        case 'f' -> s.append('\f');
        case 'n' -> s.append('\n');
        case 'r' -> s.append('\r');
        case 't' -> s.append('\t');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw error("short \\u escape");
          }
          try {
            s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("bad \\u escape");
          }
          at += 4;
        }
        default -> throw error("bad escape '\\" + e + "'");
      }
    }
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private char peek() {
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected '" + c + "'");
    }
  }

  private ZdmException error(String what) {
    // The position, not the text: a key may hold personal data.
    return new ZdmException(
        "malformed row key in the outbox at character "
            + at
            + ": "
            + what
            + " (length "
            + text.length()
            + ")");
  }
}
