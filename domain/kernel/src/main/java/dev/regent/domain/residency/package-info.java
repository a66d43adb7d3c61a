/**
 * Data classification, declared by domain teams on their events: which fields are personal data and whose, which
 * events must never leave their owner region, and which event erases a data subject. What each class may do when it
 * crosses a border is the jurisdiction policy's call, not the domain's.
 */
package dev.regent.domain.residency;
