package dev.zdm.verify;

/** One of the two databases a verification compares. */
public enum Side {
  /** The database rows come from; its rows, mapped, are the truth. */
  SOURCE,
  /** The database rows are copied to. */
  TARGET
}
