package dev.regent.application.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A region's REST API as the operators' commands see it: canned JSON on a free port of this machine. Each request is
 * answered with the next answer given for its method and path (with query); the last one is repeated.
 */
final class StandInRegion implements AutoCloseable {

    /** What a command asked. */
    record Request(String method, String uri, String body, String authorization) {
    }

    private record Answer(int status, String json) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private StandInRegion() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    static StandInRegion start() {
        return new StandInRegion();
    }

    /** A base URL where nothing listens: connections are refused. */
    static String nobodyListening() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StandInRegion answer(String method, String pathAndQuery, int status, String json) {
        answers.computeIfAbsent(method + " " + pathAndQuery, key -> new ArrayDeque<>()).add(new Answer(status, json));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    long count(String method, String pathAndQuery) {
        return requests.stream().filter(request -> request.method().equals(method)
                && request.uri().equals(pathAndQuery)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String uri = exchange.getRequestURI().toString();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), uri, body,
                exchange.getRequestHeaders().getFirst("Authorization")));
        Answer answer = next(exchange.getRequestMethod() + " " + uri);
        byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type",
                answer.status() >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private synchronized Answer next(String key) {
        Deque<Answer> queue = answers.get(key);
        if (queue == null || queue.isEmpty()) {
            return new Answer(404, "{\"title\":\"Not found\",\"status\":404,\"detail\":\"No stand-in answer for "
                    + key + "\"}");
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
