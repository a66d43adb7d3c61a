package dev.regent.application.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.application.local.LocalTopology;
import dev.regent.application.security.Scopes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Calls a region's REST API the way a user would, and reads answers as JSON. It presents a bearer token from the
 * topology's token issuer: by default one with every scope (the tests of a feature are not tests of authorization);
 * {@link #as} and {@link #anonymous} give clients that present another token, or none.
 */
public final class RegentClient {

    /** An HTTP answer: status, content type, JSON body and headers. */
    public record Answer(int status, String contentType, JsonNode body, HttpHeaders headers) {

        public String text(String field) {
            JsonNode value = body.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final LocalTopology topology;
    private final String token;

    RegentClient(LocalTopology topology) {
        this(topology, topology.identity().token("test-client", Duration.ofHours(2), Scopes.ALL));
    }

    private RegentClient(LocalTopology topology, String token) {
        this.topology = topology;
        this.token = token;
    }

    /** A client presenting {@code token} (any string, valid or not). */
    public RegentClient as(String token) {
        return new RegentClient(topology, token);
    }

    /** A client presenting a valid token for {@code subject} with only {@code scopes}. */
    public RegentClient withScopes(String subject, String... scopes) {
        return as(topology.identity().token(subject, Duration.ofHours(1), List.of(scopes)));
    }

    /** A client presenting no token at all. */
    public RegentClient anonymous() {
        return new RegentClient(topology, null);
    }

    public Answer get(String region, String path) {
        return send(region, "GET", path, null);
    }

    public Answer post(String region, String path, Map<String, ?> body) {
        return send(region, "POST", path, body);
    }

    public Answer put(String region, String path, Map<String, ?> body) {
        return send(region, "PUT", path, body);
    }

    public Answer send(String region, String method, String path, Object body) {
        return send(region, method, path, body, Map.of());
    }

    public Answer send(String region, String method, String path, Object body, Map<String, String> headers) {
        try {
            String json = body == null ? null : body instanceof String text ? text : JSON.writeValueAsString(body);
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(topology.region(region).url() + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            headers.forEach(builder::header);
            HttpRequest request = builder.build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), parsed,
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Prometheus scrape of a region. */
    public String metrics(String region) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(topology.region(region).url()
                    + "/actuator/prometheus"));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
