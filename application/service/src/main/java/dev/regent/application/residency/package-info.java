/**
 * What this region let cross its borders, per destination and kind of decision; how its read models keep the events
 * they hold or park (sealed, see {@code EventsAtRestConfiguration}).
 */
package dev.regent.application.residency;
