package dev.regent.insurer.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.lab.LocalTopology;
import dev.regent.application.security.Scopes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Calls a region's REST API the way a user would, and reads answers as JSON (an answer that is not JSON has its text
 * as body, so that tests can say what it was). It presents a bearer token from the topology's token issuer: by default
 * one with every scope (the tests of a feature are not tests of authorization); {@link #as}, {@link #withScopes} and
 * {@link #anonymous} give clients that present another token, or none.
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

        public boolean isProblem() {
            return contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json") && body.isObject()
                    && body.path("status").asInt() == status;
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
            String json = body == null || body instanceof byte[] ? null
                    : body instanceof String text ? text : JSON.writeValueAsString(body);
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(topology.region(region).url() + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(method, body instanceof byte[] bytes ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                            : json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (token != null) {
                builder.setHeader("Authorization", "Bearer " + token);
            }
            headers.forEach(builder::setHeader);
            HttpRequest request = builder.build();
            return answer(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a body of unknown length (chunked), as a client streaming it would. */
    public Answer sendStreamed(String region, String method, String path, Supplier<InputStream> body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(topology.region(region).url() + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofInputStream(body));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return answer(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code request} as it is, bytes on a socket, for what an HTTP client refuses to send (control characters
     * in a path or header, a malformed request line), and reads the answer (one request per connection). This
     * client's token goes in a header after the request line, so that what follows is judged, not refused unread.
     */
    public Answer raw(String region, byte[] request) {
        try (Socket socket = new Socket("localhost", topology.region(region).port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(withToken(request));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes();
            int headersEnd = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
            String head = new String(answer, 0, headersEnd < 0 ? answer.length : headersEnd,
                    StandardCharsets.ISO_8859_1);
            byte[] body = headersEnd < 0 ? new byte[0]
                    : Arrays.copyOfRange(answer, headersEnd + 4, answer.length);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            String contentType = "";
            boolean chunked = false;
            for (String line : lines) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).strip();
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            return new Answer(status, contentType,
                    parsed(new String(chunked ? unchunked(body) : body, StandardCharsets.UTF_8)),
                    HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (name, value) -> true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] withToken(byte[] request) {
        int lineEnd = indexOf(request, "\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (token == null || lineEnd < 0) {
            return request;
        }
        ByteArrayOutputStream withHeader = new ByteArrayOutputStream();
        withHeader.write(request, 0, lineEnd + 2);
        withHeader.writeBytes(("Authorization: Bearer " + token + "\r\n").getBytes(StandardCharsets.US_ASCII));
        withHeader.write(request, lineEnd + 2, request.length - lineEnd - 2);
        return withHeader.toByteArray();
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                parsed(response.body()), response.headers());
    }

    private static byte[] unchunked(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, crlf, at);
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).strip(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] part, int from) {
        for (int i = from; i <= bytes.length - part.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode parsed(String body) {
        if (body.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
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
