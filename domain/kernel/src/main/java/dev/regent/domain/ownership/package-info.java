/**
 * The ownership kernel: every aggregate has exactly one owning {@link dev.regent.domain.ownership.Region}, decided by
 * the {@link dev.regent.domain.ownership.OwnershipRule} declared on its type, and fenced by an epoch that rises on every
 * transfer. Only the owner appends the aggregate's events; every other region holds read-only projections.
 */
package dev.regent.domain.ownership;
