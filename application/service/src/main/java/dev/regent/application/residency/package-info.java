/** What this region let cross its borders, per destination and kind of decision. */
package dev.regent.application.residency;
