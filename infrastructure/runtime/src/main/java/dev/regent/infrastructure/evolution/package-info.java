/**
 * Events evolve: every event type declares a {@code @Revision}; an older revision is brought up to the current one by
 * an upcaster, registered in the one chain every reader of events uses (the event store, so aggregates, read models,
 * rebuilds and audits; and the ingress of mirrored topics). Upcasters see events as they are stored or mirrored:
 * personal fields are ciphertext, redacted, pseudonymised or absent there, so an upcaster never reads or reshapes
 * them. Revisions newer than the code are refused by {@code RevisionGuardingSerializer} and parked by the read models.
 * {@code ApprovedEventFormsTest} fails the build when an event's serialized form changes without a new revision.
 */
package dev.regent.infrastructure.evolution;
