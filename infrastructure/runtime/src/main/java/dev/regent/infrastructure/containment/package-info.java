/**
 * Containing a bad write: freezes that hold matching events at egress (and, in read models, at ingress), replicated
 * to every region over the peer listener, and their thaw.
 */
package dev.regent.infrastructure.containment;
