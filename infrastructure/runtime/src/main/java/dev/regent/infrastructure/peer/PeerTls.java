package dev.regent.infrastructure.peer;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

import javax.net.ssl.SSLContext;
import java.security.KeyStore;
import java.util.Set;

/**
 * This region's TLS identity toward its peers, read once from PEM (text or location): the same certificate serves
 * the internal listener and the calls this region makes; peers must chain to the trusted CA. TLS 1.3 and 1.2 only.
 */
public final class PeerTls {

    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    static final String KEY_ALIAS = "regent-peer";

    private final SslBundle bundle;

    private PeerTls(SslBundle bundle) {
        this.bundle = bundle;
    }

    public static PeerTls from(PeerProperties properties) {
        properties.requireTls();
        PemSslStoreDetails key = PemSslStoreDetails.forCertificates(properties.certificate())
                .withPrivateKey(properties.privateKey()).withAlias(KEY_ALIAS);
        PemSslStoreDetails trust = PemSslStoreDetails.forCertificates(properties.trust());
        try {
            SslBundle bundle = SslBundle.of(new PemSslStoreBundle(key, trust), SslBundleKey.of(null, KEY_ALIAS),
                    SslOptions.of(Set.of(), Set.of(PROTOCOLS)), "TLS");
            bundle.createSslContext(); // fail at start, not at the first call, on a bad certificate or key
            return new PeerTls(bundle);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot read this region's peer certificate, key or trusted CA "
                    + "(regent.peer.*): " + e.getMessage(), e);
        }
    }

    public SSLContext sslContext() {
        return bundle.createSslContext();
    }

    public KeyStore keyStore() {
        return bundle.getStores().getKeyStore();
    }

    public String keyStorePassword() {
        String password = bundle.getStores().getKeyStorePassword();
        return password == null ? "" : password;
    }

    public KeyStore trustStore() {
        return bundle.getStores().getTrustStore();
    }
}
