package dev.zdm.change;

import dev.zdm.ZdmException;

/** What a captured write did to a row. The relay re-reads rows, so it uses this only to report. */
public enum ChangeOp {
  /** A row was inserted. */
  INSERT('I'),
  /** A row was updated (a key change records the old and the new key). */
  UPDATE('U'),
  /** A row was deleted. */
  DELETE('D');

  private final char code;

  ChangeOp(char code) {
    this.code = code;
  }

  /**
   * Returns the one-letter code stored in the outbox.
   *
   * @return 'I', 'U' or 'D'
   */
  public char code() {
    return code;
  }

  /**
   * Reads the one-letter code stored in the outbox.
   *
   * @param code 'I', 'U' or 'D'
   * @return the operation
   * @throws ZdmException for any other code
   */
  public static ChangeOp ofCode(String code) {
    if (code != null && code.length() == 1) {
      for (ChangeOp op : values()) {
        if (op.code == code.charAt(0)) {
          return op;
        }
      }
    }
    throw new ZdmException(
        "unknown change operation '" + code + "' in the outbox; expected I, U or D");
  }
}
