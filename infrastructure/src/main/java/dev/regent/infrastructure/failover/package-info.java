/**
 * What a region does with a command whose owner region does not answer: per command type, reject it, queue it for
 * delivery when the owner is back, or capture it provisionally for the owner to adjudicate. The owner remembers the
 * commands it applied for other regions, so a delivery that is repeated (after a timeout, a crash, a restart) is
 * answered again, never applied twice.
 */
package dev.regent.infrastructure.failover;
