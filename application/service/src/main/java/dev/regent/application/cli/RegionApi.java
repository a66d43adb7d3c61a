package dev.regent.application.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One region's REST API, answers read as JSON; any answer but 2xx is a {@link Problem}. */
final class RegionApi {

    /** {@code --url} is not a base URL. */
    static final class BadUrl extends IllegalArgumentException {
        BadUrl(String message) {
            super(message);
        }
    }

    /** The region could not be connected to, or did not answer. */
    static final class Unreachable extends RuntimeException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The region answered with an error: its problem document (title, detail, and properties such as ownerRegion). */
    static final class Problem extends RuntimeException {
        private final int status;
        private final JsonNode body;

        Problem(int status, JsonNode body, String fallbackTitle) {
            super(text(body, "title", fallbackTitle));
            this.status = status;
            this.body = body;
        }

        int status() {
            return status;
        }

        String title() {
            return getMessage();
        }

        String detail() {
            return text(body, "detail", null);
        }

        String property(String name) {
            return text(body, name, null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String token;
    private final HttpClient http;

    /**
     * @param token bearer token sent with every request; null sends none
     * @throws BadUrl when {@code baseUrl} is not an http(s) URL
     */
    RegionApi(String baseUrl, String token) {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (!trimmed.matches("https?://[^/\\s]+(/\\S*)?")) {
            throw new BadUrl("--url must be a region's base URL such as http://localhost:8081, not '"
                    + baseUrl + "'");
        }
        this.baseUrl = trimmed;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    String baseUrl() {
        return baseUrl;
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    JsonNode post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write request body " + body, e);
        }
    }

    /** An answer without a body (204) reads as an empty object. */
    JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    /** A path segment or query value, percent-encoded. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String pretty(JsonNode json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A field as text, or {@code fallback} when it is absent or null. */
    static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? fallback : value.asText();
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            if (token != null) {
                request.header("Authorization", "Bearer " + token.strip());
            }
            response = http.send(request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new Unreachable("cannot reach " + baseUrl + ": is the region running?", e);
        } catch (IOException e) {
            throw new Unreachable(baseUrl + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + baseUrl, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new Problem(response.statusCode(), body, baseUrl + " answered " + response.statusCode());
        }
        if (body == null && response.statusCode() == 204) {
            return JSON.createObjectNode();
        }
        if (body == null) {
            throw new Problem(response.statusCode(), null, baseUrl + " answered " + response.statusCode()
                    + " with something that is not JSON: is it a Regent region?");
        }
        return body;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }
}
