/**
 * Events across regions. Egress: one processor per destination tracks this region's event store (the store is the
 * outbox) and publishes, through the residency policy, to {@code regent.<region>.to.<destination>.events}, the only
 * topics MirrorMaker 2 mirrors (each to its destination alone); region-locked events go to the never-mirrored
 * {@code regent.<region>.local}. Ingress: the other regions' topics toward this one, mirrored into its cluster, read
 * by a tracking source that every projection and saga consumes together with the local event store. Every topic keeps
 * every event (see {@link dev.regent.infrastructure.kafka.TopicProvisioner}).
 */
package dev.regent.infrastructure.kafka;
