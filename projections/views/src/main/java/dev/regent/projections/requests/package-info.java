/**
 * Routed requests answered {@code 202 PENDING}: a change sent to another region's owner is {@code APPLIED} here only
 * once the owner's event has come back and this region's projection shows it; never before.
 */
package dev.regent.projections.requests;
