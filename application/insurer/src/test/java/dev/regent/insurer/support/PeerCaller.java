package dev.regent.insurer.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.lab.LocalPki;
import dev.regent.infrastructure.peer.PeerIdentity;
import dev.regent.infrastructure.peer.PeerProperties;
import dev.regent.infrastructure.peer.PeerTls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;

/**
 * Calls a region's peer listener the way another region (or an impostor) would: with a region's certificate from the
 * topology's CA, a certificate naming any identity, one from a CA the regions do not trust, or none at all.
 */
public final class PeerCaller {

    /** An answer, or the TLS handshake refused ({@code status} -1, {@code refusal} says why). */
    public record Answer(int status, JsonNode body, String refusal) {

        public boolean handshakeRefused() {
            return status == -1;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;

    private PeerCaller(SSLContext tls) {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(PeerTls.PROTOCOLS);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(tls)
                .sslParameters(parameters).build();
    }

    /** A genuine peer: {@code region}'s certificate from the regions' CA. */
    public static PeerCaller as(String region) {
        return withIdentity(region + "-genuine", PeerIdentity.URI_PREFIX + region);
    }

    /** A certificate from the regions' own CA naming {@code identityUri} (e.g. a region that does not exist). */
    public static PeerCaller withIdentity(String fileName, String identityUri) {
        LocalPki pki = ThreeRegions.topology().pki();
        return new PeerCaller(tls(pki.issue(fileName, identityUri), pki));
    }

    /** A certificate naming {@code region}, but signed by a CA the regions do not trust. */
    public static PeerCaller untrusted(String region) {
        try {
            LocalPki impostor = LocalPki.create(Files.createTempDirectory("impostor-ca-"), "Impostor CA");
            return new PeerCaller(tls(impostor.issueForRegion(region), ThreeRegions.topology().pki()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TLS that trusts the regions' CA but presents no certificate. */
    public static PeerCaller withoutCertificate() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream ca = Files.newInputStream(ThreeRegions.topology().pki().caCertificate())) {
                trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return new PeerCaller(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Answer post(String region, String path, Object body) {
        return send(region, "POST", path, body, Map.of());
    }

    public Answer send(String region, String method, String path, Object body, Map<String, String> headers) {
        try {
            String json = body == null ? "" : body instanceof String text ? text : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:"
                            + ThreeRegions.topology().peerPort(region) + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isBlank() ? JSON.nullNode()
                    : JSON.readTree(response.body()), null);
        } catch (IOException refused) {
            return new Answer(-1, JSON.nullNode(), refused.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext tls(LocalPki.Issued certificate, LocalPki trusted) {
        return PeerTls.from(new PeerProperties(0, "file:" + certificate.certificate(),
                "file:" + certificate.privateKey(), "file:" + trusted.caCertificate(), false)).sslContext();
    }
}
