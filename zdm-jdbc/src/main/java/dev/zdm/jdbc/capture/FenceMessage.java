package dev.zdm.jdbc.capture;

import dev.zdm.Phase;

/**
 * The text of a write refused by the fence, the same on every engine: it names the migration, the
 * table, the phase and where to write instead. The phase is read at run time, so the message is
 * split around it.
 */
final class FenceMessage {

  private FenceMessage() {}

  /** Everything before the phase. */
  static String prefix(CaptureDefinition definition) {
    return prefix(definition.migration(), definition.table());
  }

  static String prefix(String migration, String table) {
    return "zdm fence: migration '"
        + migration
        + "' refuses this write to "
        + table
        + ": the phase is ";
  }

  /** Everything after the phase. */
  static String suffix(CaptureDefinition definition) {
    return suffix(definition.side());
  }

  static String suffix(Phase.Side side) {
    String here = side == Phase.Side.SOURCE ? "source" : "target";
    String there = side == Phase.Side.SOURCE ? "target" : "source";
    return " and this database (the "
        + here
        + ") is not authoritative, so it takes only zdm's own writes. Write to the "
        + there
        + " database (DualWriteDataSource routes by phase), or retry after the cutover ends";
  }
}
