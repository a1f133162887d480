package dev.zdm.jdbc.rows;

import java.math.BigInteger;

/**
 * Which source column types zdm writes exactly into which target column types. Checked once per
 * column when a {@link TablePair} is built, so that a value the target cannot hold is refused at
 * start rather than rounded, truncated or rejected in the middle of a migration.
 */
final class TypeCompatibility {

  private TypeCompatibility() {}

  /**
   * Returns why values of the source column cannot all be written exactly to the target column.
   *
   * @return the reason, or null if they can
   */
  static String problem(ColumnShape source, ColumnShape target) {
    ColumnKind from = source.kind();
    ColumnKind to = target.kind();
    if (from == to) {
      return sameKind(source, target);
    }
    if (from == ColumnKind.INTEGER && to == ColumnKind.DECIMAL) {
      int digits = BigInteger.TWO.pow(source.precision() - 1).toString().length();
      return target.precision() == 0 || target.precision() - target.scale() >= digits
          ? null
          : "the target has "
              + (target.precision() - target.scale())
              + " integer digits, the"
              + " source's values need "
              + digits;
    }
    if ((from == ColumnKind.REAL && to == ColumnKind.DOUBLE)
        || (from == ColumnKind.TEXT && (to == ColumnKind.UUID || to == ColumnKind.JSON))) {
      return null; // widening, or text the target parses (and refuses if it is not a UUID/JSON)
    }
    if (from == ColumnKind.UUID && to == ColumnKind.TEXT) {
      return target.precision() >= 36 ? null : "a UUID needs 36 characters";
    }
    if (from == ColumnKind.JSON && to == ColumnKind.TEXT) {
      return longer(source, target);
    }
    return "zdm does not convert " + from + " values to " + to;
  }

  private static String sameKind(ColumnShape source, ColumnShape target) {
    return switch (source.kind()) {
      case INTEGER ->
          target.precision() >= source.precision()
              ? null
              : "the target's integer range is smaller than the source's";
      case DECIMAL -> decimal(source, target);
      case TEXT, BINARY, JSON -> longer(source, target);
      case TIME, TIMESTAMP, TIMESTAMP_TZ ->
          target.scale() >= source.scale()
              ? null
              : "the target keeps "
                  + target.scale()
                  + " fractional-second digits, the source "
                  + source.scale();
      default -> null;
    };
  }

  private static String decimal(ColumnShape source, ColumnShape target) {
    if (target.precision() == 0) {
      return null;
    }
    if (source.precision() == 0) {
      return "the source has no declared precision, so its values may not fit the target's";
    }
    if (target.scale() < source.scale()) {
      return "the target keeps " + target.scale() + " decimal places, the source " + source.scale();
    }
    if (target.precision() - target.scale() < source.precision() - source.scale()) {
      return "the target has fewer integer digits than the source";
    }
    return null;
  }

  private static String longer(ColumnShape source, ColumnShape target) {
    return target.precision() >= source.precision()
        ? null
        : "the target holds at most "
            + target.precision()
            + ", the source up to "
            + source.precision();
  }
}
