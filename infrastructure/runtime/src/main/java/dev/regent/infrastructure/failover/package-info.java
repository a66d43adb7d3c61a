/**
 * What a region does with a command whose owner region does not answer: per command type, reject it, queue it for
 * delivery when the owner is back, or capture it provisionally for the owner to adjudicate. Where commands are handled,
 * the commands that may arrive again (other regions' commands, and those a request with an idempotency key sent) are
 * remembered with their answers, so a repeat (after a timeout, a crash, a restart, a retried request) is answered
 * again, never applied twice.
 */
package dev.regent.infrastructure.failover;
