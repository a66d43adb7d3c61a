/**
 * The shared mechanism behind every read model: one row per aggregate and view, applied strictly in aggregate
 * sequence order. Duplicates are skipped, events ahead of a gap are held and applied once the gap is filled, so
 * redelivery and reordering (normal with Kafka and MirrorMaker 2) leave a projection exactly as in-order delivery would.
 */
package dev.regent.projections.replication;
