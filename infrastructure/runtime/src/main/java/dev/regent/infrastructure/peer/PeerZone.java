package dev.regent.infrastructure.peer;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where peers call this region: the internal listener's port, and whether it authenticates them with TLS.
 *
 * @param tls null when the zone runs insecure (plain HTTP, peers identified by {@link #INSECURE_PEER_HEADER})
 */
public record PeerZone(int port, PeerTls tls) {

    /** The internal endpoints' path prefix: served on the peer listener only. */
    public static final String PATH_PREFIX = "/internal/";
    /** In insecure mode only: the region a caller says it is. Never read when TLS is on. */
    public static final String INSECURE_PEER_HEADER = "X-Regent-Insecure-Peer";

    public boolean secure() {
        return tls != null;
    }

    /** Whether the request came in on the peer listener (and not on the public API's). */
    public boolean arrivedOnPeerListener(HttpServletRequest request) {
        return request.getLocalPort() == port;
    }
}
