/**
 * Several instances of one region's service sharing its PostgreSQL: who they are (a heartbeat row each) and which
 * of them does the work that must be done once per region (named leases with a time to live, taken and renewed in
 * one statement). PostgreSQL is the only coordinator.
 */
package dev.regent.infrastructure.instances;
