package dev.regent.infrastructure.peer;

import dev.regent.domain.ownership.Region;

import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The one HTTP client every call to another region goes through: the peer's internal URL, this region's TLS identity
 * (mutual TLS, TLS 1.3/1.2, the peer's host name verified), JSON both ways, one timeout per call.
 */
public final class PeerClient {

    private static final String JSON = "application/json";

    private final Function<Region, URI> peerUrls;
    private final Region localRegion;
    private final PeerZone zone;
    private final HttpClient http;

    public PeerClient(Function<Region, URI> peerUrls, Region localRegion, PeerZone zone, Duration connectTimeout) {
        this.peerUrls = peerUrls;
        this.localRegion = localRegion;
        this.zone = zone;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout);
        if (zone.secure()) {
            SSLParameters parameters = new SSLParameters();
            parameters.setProtocols(PeerTls.PROTOCOLS);
            builder.sslContext(zone.tls().sslContext()).sslParameters(parameters);
        }
        this.http = builder.build();
    }

    /** A JSON {@code POST}; {@code headers} add to the usual ones (e.g. a caller's Authorization to relay). */
    public HttpResponse<String> post(Region peer, String path, String json, Duration timeout,
                                     Map<String, String> headers) throws IOException, InterruptedException {
        return http.send(request(peer, path, timeout, headers).POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    public CompletableFuture<HttpResponse<String>> postAsync(Region peer, String path, String json, Duration timeout) {
        return http.sendAsync(request(peer, path, timeout, Map.of()).POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(Region peer, String path, Duration timeout) throws IOException,
            InterruptedException {
        return http.send(request(peer, path, timeout, Map.of()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(Region peer, String path, Duration timeout, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(resolve(peer, path)).timeout(timeout)
                .header("Content-Type", JSON)
                .header("Accept", JSON + ", application/problem+json");
        if (!zone.secure()) {
            builder.header(PeerZone.INSECURE_PEER_HEADER, localRegion.name());
        }
        headers.forEach(builder::header);
        return builder;
    }

    private URI resolve(Region peer, String path) {
        String base = peerUrls.apply(peer).toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }
}
