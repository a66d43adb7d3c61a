/** The customer resource: registration and contact changes are routed to the home region; reads are local. */
package dev.regent.insurer.api.identity;
