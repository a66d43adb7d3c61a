package dev.regent.infrastructure.peer;

import dev.regent.domain.ownership.Region;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The one HTTP client every call to another region goes through: the peer's internal URL, this region's TLS identity
 * (mutual TLS, TLS 1.3/1.2, the peer's host name verified), JSON both ways, one timeout per call.
 * <p>
 * A region may be several instances: a call tries them in turn, starting from the last one that answered, and moves
 * to the next when an instance cannot be reached (connection refused, connect timeout: nothing was sent). A request
 * that is {@link Repeat#SAFE safe to repeat} also moves on when the connection breaks or times out before an answer,
 * and after a 502/503 that is not one of Regent's problem answers (a proxy or load balancer in front of an instance
 * that is gone): Regent's own answers, {@code application/problem+json}, are the region's answer and reach the caller.
 * The region is unavailable (the caller's {@link IOException}) only when no instance answers.
 */
public final class PeerClient {

    /** Whether a request may reach the region twice (e.g. once at an instance that broke before answering). */
    public enum Repeat {
        /** Reads, and writes the peer applies once however often they arrive. */
        SAFE,
        /** Sent again only to another instance when the first could not be reached at all. */
        UNSAFE
    }

    private static final Logger log = LoggerFactory.getLogger(PeerClient.class);
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final Function<Region, List<URI>> peerUrls;
    private final Region localRegion;
    private final PeerZone zone;
    private final HttpClient http;
    /** Per region, the instance that answered last: the next call starts there. */
    private final ConcurrentMap<Region, AtomicInteger> lastAnswered = new ConcurrentHashMap<>();

    public PeerClient(Function<Region, List<URI>> peerUrls, Region localRegion, PeerZone zone,
                      Duration connectTimeout) {
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
                                     Map<String, String> headers, Repeat repeat)
            throws IOException, InterruptedException {
        return send(peer, url -> request(url, path, timeout, headers)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), repeat);
    }

    public CompletableFuture<HttpResponse<String>> postAsync(Region peer, String path, String json, Duration timeout,
                                                             Repeat repeat) {
        Function<URI, HttpRequest> request = url -> request(url, path, timeout, Map.of())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        List<URI> urls = peerUrls.apply(peer);
        return sendAsync(peer, urls, request, repeat, start(peer, urls.size()), 0);
    }

    /** A {@code GET}: always safe to repeat. */
    public HttpResponse<String> get(Region peer, String path, Duration timeout) throws IOException,
            InterruptedException {
        return send(peer, url -> request(url, path, timeout, Map.of()).GET().build(), Repeat.SAFE);
    }

    private HttpResponse<String> send(Region peer, Function<URI, HttpRequest> request, Repeat repeat)
            throws IOException, InterruptedException {
        List<URI> urls = peerUrls.apply(peer);
        int start = start(peer, urls.size());
        IOException failure = null;
        for (int attempt = 0; attempt < urls.size(); attempt++) {
            int index = (start + attempt) % urls.size();
            boolean last = attempt == urls.size() - 1;
            HttpResponse<String> answer;
            try {
                answer = http.send(request.apply(urls.get(index)), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
                if (last || !movesOn(e, repeat)) {
                    throw e;
                }
                movingOn(peer, urls, index, attempt, e.toString());
                continue;
            }
            if (last || !movesOn(answer, repeat)) {
                answered(peer, index);
                return answer;
            }
            movingOn(peer, urls, index, attempt, "HTTP " + answer.statusCode());
        }
        throw new IllegalStateException("No URL configured for region " + peer);
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(Region peer, List<URI> urls,
                                                              Function<URI, HttpRequest> request, Repeat repeat,
                                                              int start, int attempt) {
        int index = (start + attempt) % urls.size();
        boolean last = attempt == urls.size() - 1;
        return http.sendAsync(request.apply(urls.get(index)), HttpResponse.BodyHandlers.ofString())
                .handle((answer, failure) -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause == null && (last || !movesOn(answer, repeat))) {
                        answered(peer, index);
                        return CompletableFuture.completedFuture(answer);
                    }
                    if (cause != null && (last || !movesOn(cause, repeat))) {
                        return CompletableFuture.<HttpResponse<String>>failedFuture(cause);
                    }
                    movingOn(peer, urls, index, attempt, cause != null ? cause.toString()
                            : "HTTP " + answer.statusCode());
                    return sendAsync(peer, urls, request, repeat, start, attempt + 1);
                })
                .thenCompose(Function.identity());
    }

    /** Nothing was sent (refused, no connection in time): any request may go to another instance. */
    private static boolean movesOn(Throwable failure, Repeat repeat) {
        if (failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException) {
            return true;
        }
        return repeat == Repeat.SAFE && failure instanceof IOException;
    }

    /** A 502/503 that is not Regent's own problem answer comes from in front of an instance that is not there. */
    private static boolean movesOn(HttpResponse<String> answer, Repeat repeat) {
        int status = answer.statusCode();
        return repeat == Repeat.SAFE && (status == 502 || status == 503)
                && !answer.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM_JSON);
    }

    private int start(Region peer, int instances) {
        return Math.floorMod(lastAnswered.computeIfAbsent(peer, region -> new AtomicInteger()).get(), instances);
    }

    private void answered(Region peer, int index) {
        lastAnswered.computeIfAbsent(peer, region -> new AtomicInteger()).set(index);
    }

    private static void movingOn(Region peer, List<URI> urls, int index, int attempt, String why) {
        if (urls.size() > 1) {
            log.info("Instance {} of region {} did not answer ({}); trying {}", urls.get(index), peer, why,
                    attempt == urls.size() - 1 ? "no other" : urls.get((index + 1) % urls.size()));
        }
    }

    private HttpRequest.Builder request(URI base, String path, Duration timeout, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(resolve(base, path)).timeout(timeout)
                .header("Content-Type", JSON)
                .header("Accept", JSON + ", " + PROBLEM_JSON);
        if (!zone.secure()) {
            builder.header(PeerZone.INSECURE_PEER_HEADER, localRegion.name());
        }
        headers.forEach(builder::header);
        return builder;
    }

    private static URI resolve(URI base, String path) {
        String url = base.toString();
        return URI.create((url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + path);
    }
}
