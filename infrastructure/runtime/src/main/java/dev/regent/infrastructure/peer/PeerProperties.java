package dev.regent.infrastructure.peer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code regent.peer.*}: the internal listener other regions call, and this region's TLS identity on it.
 *
 * @param port        the internal listener's port; 0 means the public port + 1000
 * @param certificate this region's certificate chain: PEM text, or a location ({@code file:/run/secrets/eu.pem})
 * @param privateKey  its private key (PKCS#8 PEM text or location); keep the file readable by the service only
 * @param trust       the CA certificate(s) peer certificates must chain to (PEM text or location)
 * @param insecure    plain HTTP between regions, peers identified by a header anyone can forge: for a laptop only,
 *                    logged loudly at start
 */
@ConfigurationProperties("regent.peer")
public record PeerProperties(@DefaultValue("0") int port, String certificate, String privateKey, String trust,
                             @DefaultValue("false") boolean insecure) {

    public int portBeside(int publicPort) {
        return port != 0 ? port : publicPort + 1000;
    }

    /** @throws IllegalStateException naming what is missing, when TLS is on but not configured */
    public void requireTls() {
        List<String> missing = new ArrayList<>();
        if (blank(certificate)) {
            missing.add("regent.peer.certificate (REGENT_PEER_CERTIFICATE)");
        }
        if (blank(privateKey)) {
            missing.add("regent.peer.private-key (REGENT_PEER_PRIVATE_KEY)");
        }
        if (blank(trust)) {
            missing.add("regent.peer.trust (REGENT_PEER_TRUST)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Regions authenticate each other with mutual TLS, and this region has no "
                    + String.join(", no ", missing) + ". Give it its certificate, key and the peers' CA (docker/pki/make-certs.sh makes "
                    + "them), or set REGENT_INSECURE=true to run without authentication on a laptop.");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
