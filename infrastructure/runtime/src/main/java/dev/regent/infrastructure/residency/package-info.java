/**
 * Data residency. Personal fields are encrypted at rest in the owner's event store with their subject's key (held by
 * the owner only, wrapped with the region's master key); erasing a subject destroys the key (crypto-shredding). Events
 * leave the region per destination, through the jurisdiction policy: shared, redacted, pseudonymised, encrypted or
 * dropped field by field; region-locked events only ever reach the region's own, never-mirrored topic.
 */
package dev.regent.infrastructure.residency;
