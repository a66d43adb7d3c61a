/**
 * Write authority, enforced twice: {@link dev.regent.infrastructure.ownership.OwnershipEnforcingInterceptor} refuses
 * commands for aggregates this region does not own, and
 * {@link dev.regent.infrastructure.ownership.OwnerFencedEventStorageEngine} refuses any append for them, whatever the
 * caller. The registry itself is PostgreSQL, fed by this region's own assignments and by replicated ones.
 */
package dev.regent.infrastructure.ownership;
