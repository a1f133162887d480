package dev.zdm.relay;

import dev.zdm.change.ChangeOp;
import java.time.Instant;

/**
 * A change the relay parked.
 *
 * @param id the dead letter's id
 * @param table the source table
 * @param keyText the row's key as the outbox stores it
 * @param op what the write did
 * @param error what failed when applying it, without row values
 * @param attempts how many times applying was tried
 * @param firstFailedAt when it first failed
 * @param lastFailedAt when it last failed
 */
public record DeadLetter(
    long id,
    String table,
    String keyText,
    ChangeOp op,
    String error,
    int attempts,
    Instant firstFailedAt,
    Instant lastFailedAt) {}
