/**
 * The embedded default: every region on one machine, each with its own real PostgreSQL and its own in-process Kafka
 * broker, MirrorMaker 2 mirroring the shareable topics between them, and one Regent service per region.
 */
package dev.regent.lab;
