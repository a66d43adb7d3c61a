/**
 * Replay-based audit on the owner region: an aggregate's state at an instant or sequence, rebuilt from its events by
 * the same projection code that builds the read model, with every event's origin, epoch and time, and the aggregate's
 * ownership history.
 */
package dev.regent.application.audit;
