/**
 * Claim settlement: a claim handled in one region needs the customer's identity and consent from the customer's
 * owner region and coverage from the policy's owner. The saga asks them by routed commands, learns their answers as
 * events, and decides; it waits (pending) while an owner does not answer, gives up after a limit, and compensates a
 * reservation it no longer needs.
 */
package dev.regent.insurer.sagas.claims;
