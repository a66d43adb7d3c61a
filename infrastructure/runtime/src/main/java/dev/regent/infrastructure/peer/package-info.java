/**
 * The peer zone: regions call each other (forwarded commands, release of an aggregate, reconciliation digests and
 * resync, relayed operator requests) on an internal listener separate from the public API, and prove who they are
 * with mutual TLS. A peer's identity is the region named in its certificate's URI subject alternative name
 * ({@code spiffe://regent/region/<name>}); a request that names another region than the peer's own is refused.
 * {@link dev.regent.infrastructure.peer.PeerClient} is the one HTTP client every inter-region call goes through.
 */
package dev.regent.infrastructure.peer;
