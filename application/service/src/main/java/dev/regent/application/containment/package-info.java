/** Containing a bad write, as operators and peers reach it: freezes declared, listed, thawed and replicated. */
package dev.regent.application.containment;
