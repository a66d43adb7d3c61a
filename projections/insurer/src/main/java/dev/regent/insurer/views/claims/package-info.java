/** The claim read model, in every region: status, decision and every settlement step, as the owner recorded them. */
package dev.regent.insurer.views.claims;
