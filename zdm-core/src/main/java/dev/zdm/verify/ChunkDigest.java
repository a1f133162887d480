package dev.zdm.verify;

/**
 * What one side holds in a key range: its row count and a 64-bit digest of its rows that does not
 * depend on the order they were read in. Equal data gives equal digests. Immutable.
 *
 * @param rows the rows in the range
 * @param digest the digest; meaningful only against a digest of the same comparator
 */
public record ChunkDigest(long rows, long digest) {}
