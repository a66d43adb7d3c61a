/**
 * Customer identity: who the customer is and how to reach them. Owned by the customer's home region, decided by
 * domicile ({@code FR} &rarr; {@code eu}); every other region keeps a read-only projection.
 */
package dev.regent.insurer.identity;
