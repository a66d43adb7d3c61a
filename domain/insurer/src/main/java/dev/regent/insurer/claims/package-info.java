/** Claims: filed in, and owned by, the region that handles them (NATIVE ownership). */
package dev.regent.insurer.claims;
