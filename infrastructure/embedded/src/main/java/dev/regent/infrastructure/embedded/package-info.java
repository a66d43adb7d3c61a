/**
 * The embedded default topology: every region's infrastructure in one JVM, with no server to install.
 *
 * <p>One real PostgreSQL ({@link dev.regent.infrastructure.embedded.EmbeddedPostgresServer}) and one real
 * single-node KRaft Kafka cluster ({@link dev.regent.infrastructure.embedded.EmbeddedKafkaBroker}) per region, and
 * real MirrorMaker 2 ({@link dev.regent.infrastructure.embedded.EmbeddedMirrorMaker}) copying each region's
 * shareable topics to every other region's cluster. All listen on the loopback interface only, keep their data in
 * directories given by the caller, and can be stopped and restarted in place to inject faults (a region's broker
 * or database down, a partition between regions).
 */
package dev.regent.infrastructure.embedded;
