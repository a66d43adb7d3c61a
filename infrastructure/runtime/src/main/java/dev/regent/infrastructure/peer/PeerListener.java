package dev.regent.infrastructure.peer;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Opens the internal listener beside the public one: mutual TLS, a client certificate required and checked against
 * the peers' CA during the handshake, so a caller without one never reaches a servlet.
 */
final class PeerListener implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final PeerZone zone;

    PeerListener(PeerZone zone) {
        this.zone = zone;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        connector.setPort(zone.port());
        if (zone.secure()) {
            connector.setScheme("https");
            connector.setSecure(true);
            AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
            protocol.setSSLEnabled(true);
            protocol.addSslHostConfig(mutualTls(zone.tls()));
        }
        factory.addAdditionalTomcatConnectors(connector);
    }

    private static SSLHostConfig mutualTls(PeerTls tls) {
        SSLHostConfig config = new SSLHostConfig();
        config.setProtocols(String.join("+", PeerTls.PROTOCOLS));
        config.setCertificateVerification("required");
        config.setTrustStore(tls.trustStore());
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(config,
                SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystore(tls.keyStore());
        certificate.setCertificateKeystorePassword(tls.keyStorePassword());
        certificate.setCertificateKeyAlias(PeerTls.KEY_ALIAS);
        config.addCertificate(certificate);
        // Tomcat's cipher parser initialises shared state on first use, unsafely: several regions starting in one JVM
        // (the local lab) would race on it. Parse once here, under a lock; the result stays with this config.
        synchronized (PeerListener.class) {
            config.getJsseCipherNames();
        }
        return config;
    }
}
