package dev.regent.infrastructure.peer;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.region.RegentProperties;

import java.security.Principal;

/** The authenticated peer of an internal request, and the checks that the regions a request names are its own. */
public final class Peers {

    private final RegentProperties properties;
    private final Region localRegion;

    public Peers(RegentProperties properties, Region localRegion) {
        this.properties = properties;
        this.localRegion = localRegion;
    }

    /**
     * The region that called, as the peer zone authenticated it.
     *
     * @throws PeerRefusedException when the caller is not another configured region
     */
    public Region of(Principal principal) {
        if (principal == null) {
            throw new PeerRefusedException("No peer identity");
        }
        Region peer;
        try {
            peer = properties.knownRegion(principal.getName());
        } catch (IllegalArgumentException unknown) {
            throw new PeerRefusedException("'" + principal.getName() + "' is not a region of this system");
        }
        if (peer.equals(localRegion)) {
            throw new PeerRefusedException("A region does not call itself");
        }
        return peer;
    }

    /**
     * The region a request names (the destination of digests, the new owner of a release) must be the caller's.
     *
     * @throws PeerRefusedException when it names another region
     */
    public Region requireNamed(Principal principal, String named, String what) {
        Region peer = of(principal);
        if (named == null || !peer.name().equals(named.trim().toLowerCase(java.util.Locale.ROOT))) {
            throw new PeerRefusedException("Region " + peer + " cannot ask " + what + " for region '" + named + "'");
        }
        return peer;
    }
}
