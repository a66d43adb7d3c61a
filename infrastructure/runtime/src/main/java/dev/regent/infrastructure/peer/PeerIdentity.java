package dev.regent.infrastructure.peer;

import dev.regent.domain.ownership.Region;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who a peer is: the region its certificate names in a URI subject alternative name
 * {@code spiffe://regent/region/<name>} (the SPIFFE form service meshes use), never the request's own claims.
 */
public final class PeerIdentity {

    public static final String URI_PREFIX = "spiffe://regent/region/";
    /** Subject alternative name type of a URI (RFC 5280). */
    private static final int URI_NAME = 6;

    private PeerIdentity() {
    }

    public static String uriOf(Region region) {
        return URI_PREFIX + region.name();
    }

    /** The region a certificate names, if it names exactly one. */
    public static Optional<String> regionOf(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
        if (names == null) {
            return Optional.empty();
        }
        List<String> regions = names.stream()
                .filter(name -> name.size() == 2 && Integer.valueOf(URI_NAME).equals(name.get(0)))
                .map(name -> String.valueOf(name.get(1)))
                .filter(uri -> uri.startsWith(URI_PREFIX))
                .map(uri -> uri.substring(URI_PREFIX.length()))
                .toList();
        return regions.size() == 1 ? Optional.of(regions.get(0)) : Optional.empty();
    }
}
