package dev.zdm.jdbc.capture;

/**
 * How one engine captures changes: the triggers that write each committed change of a migrated
 * table into zdm's outbox, and the session marker that keeps zdm's own writes out of it.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface CaptureSql {}
