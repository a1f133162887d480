/**
 * The verifier: compares a migration's tables on both sides chunk by chunk (count and digest),
 * bisects mismatching chunks to the exact keys, re-checks differences after the relay has caught
 * up, and reports. Database access goes through {@link dev.zdm.verify.TableComparator} and the
 * other ports here; {@code zdm-jdbc} implements them.
 */
package dev.zdm.verify;
