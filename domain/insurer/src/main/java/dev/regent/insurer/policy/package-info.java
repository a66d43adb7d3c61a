/** Insurance policies: issued, and owned, by the region where they are sold (NATIVE ownership). */
package dev.regent.insurer.policy;
