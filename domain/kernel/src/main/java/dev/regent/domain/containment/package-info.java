/** Containing a bad write: what an operator freezes and which events that holds, and the correction that voids events. */
package dev.regent.domain.containment;
