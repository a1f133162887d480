package dev.zdm.jdbc.capture;

import dev.zdm.Phase;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line every capture object carries in its body (or, in H2, its name), so that zdm can tell its
 * own objects from a user's and learn which migration and outbox they serve from the catalog alone.
 */
final class CaptureSignature {

  /** A plain identifier: safe inside a comment line and a trigger name without quoting. */
  static final Pattern PLAIN_SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  private static final Pattern LINE =
      Pattern.compile(
          "zdm capture: migration=([a-z][a-z0-9_-]*); outbox=([A-Za-z_][A-Za-z0-9_$]*)"
              + "\\.([a-z_][a-z0-9_]*); partitions=([0-9]{1,9})");

  private CaptureSignature() {}

  /** Returns the signature line of a definition, without a comment marker. */
  static String of(CaptureDefinition definition) {
    return "zdm capture: migration="
        + definition.migration()
        + "; outbox="
        + definition.outboxSchema()
        + "."
        + definition.outboxTable()
        + "; partitions="
        + definition.partitions()
        + (definition.side() == Phase.Side.TARGET ? "; side=target" : "");
  }

  /** Finds the signature in an object's source; empty when the object is not zdm's. */
  static Optional<Parsed> find(String source) {
    if (source == null) {
      return Optional.empty();
    }
    Matcher m = LINE.matcher(source);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new Parsed(m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4))));
  }

  record Parsed(String migration, String outboxSchema, String outboxTable, int partitions) {

    InstalledCapture at(String schema, String table, String objectName) {
      return new InstalledCapture(
          schema, table, migration, outboxSchema, outboxTable, partitions, objectName);
    }
  }
}
