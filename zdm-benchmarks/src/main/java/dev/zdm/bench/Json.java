package dev.zdm.bench;

import dev.zdm.JsonText;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers, booleans and nulls as indented JSON; enough for
 * results.json without a JSON library in the benchmark jar. Non-finite numbers become null.
 */
final class Json {

  private Json() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "");
    return out.append('\n').toString();
  }

  private static void write(Object value, StringBuilder out, String indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      JsonText.appendQuoted(out, text);
    } else if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (!Double.isFinite(number)) {
        out.append("null");
      } else if (number == Math.rint(number) && Math.abs(number) < 1e15) {
        out.append((long) number);
      } else {
        out.append(String.format(Locale.ROOT, "%.6g", number).replaceFirst("\\.?0+(e|$)", "$1"));
      }
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      object(map, out, indent);
    } else if (value instanceof List<?> list) {
      array(list, out, indent);
    } else {
      JsonText.appendQuoted(out, value.toString());
    }
  }

  private static void object(Map<?, ?> map, StringBuilder out, String indent) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    String inner = indent + "  ";
    out.append("{\n");
    Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<?, ?> entry = entries.next();
      out.append(inner);
      JsonText.appendQuoted(out, String.valueOf(entry.getKey()));
      out.append(": ");
      write(entry.getValue(), out, inner);
      out.append(entries.hasNext() ? ",\n" : "\n");
    }
    out.append(indent).append('}');
  }

  private static void array(List<?> list, StringBuilder out, String indent) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    boolean flat = list.stream().allMatch(v -> v == null || v instanceof Number);
    String inner = indent + "  ";
    out.append(flat ? "[" : "[\n");
    for (int i = 0; i < list.size(); i++) {
      if (!flat) {
        out.append(inner);
      }
      write(list.get(i), out, inner);
      if (i < list.size() - 1) {
        out.append(flat ? ", " : ",\n");
      }
    }
    out.append(flat ? "]" : "\n" + indent + "]");
  }
}
