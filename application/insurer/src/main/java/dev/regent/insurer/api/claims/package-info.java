/** The claim resource: a claim is filed in, and owned by, the receiving region, then settled by its saga. */
package dev.regent.insurer.api.claims;
