/** How the insurer's events evolve: upcasters of their older revisions, read in every region. */
package dev.regent.insurer.evolution;
