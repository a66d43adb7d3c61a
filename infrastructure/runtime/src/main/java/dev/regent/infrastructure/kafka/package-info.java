/**
 * Events across regions. Egress: Axon's Kafka publisher tracks this region's event store (the store is the outbox)
 * and publishes to {@code regent.<region>.events}, the only topic MirrorMaker 2 mirrors. Ingress: the mirrored topics
 * of the other regions, read by a tracking source that every projection and saga consumes together with the local
 * event store.
 */
package dev.regent.infrastructure.kafka;
