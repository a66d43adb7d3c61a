/** The customer read model, in every region: full in the owner region, replicated (read-only) elsewhere. */
package dev.regent.insurer.views.identity;
