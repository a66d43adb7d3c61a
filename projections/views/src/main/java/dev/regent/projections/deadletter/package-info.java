/**
 * Poison events: an event a read model cannot apply (a type this region does not know, an unreadable payload, a
 * revision newer than its code, a handler that fails) is parked in a dead-letter queue with its reason, and the
 * aggregate's later events queue behind it, so the view never applies them out of order or without it. Every other
 * aggregate goes on. Operators list parked events, retry them once the region is upgraded, or skip one.
 */
package dev.regent.projections.deadletter;
