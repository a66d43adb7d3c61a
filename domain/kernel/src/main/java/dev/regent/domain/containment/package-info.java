/** Containing a bad write: what an operator freezes, and which events that holds. */
package dev.regent.domain.containment;
