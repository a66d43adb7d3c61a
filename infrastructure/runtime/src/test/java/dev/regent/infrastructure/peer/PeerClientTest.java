package dev.regent.infrastructure.peer;

import com.sun.net.httpserver.HttpServer;
import dev.regent.domain.ownership.Region;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.regent.infrastructure.peer.PeerClient.Repeat.SAFE;
import static dev.regent.infrastructure.peer.PeerClient.Repeat.UNSAFE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A call to a region goes to any instance that answers, and is repeated only when that cannot do harm. */
class PeerClientTest {

    private static final Region US = Region.of("us");
    private static final Region EU = Region.of("eu");
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final List<StandIn> standIns = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        standIns.forEach(standIn -> standIn.server.stop(0));
    }

    @Test
    void givenTheFirstInstanceDown_whenAnyRequest_thenTheSecondAnswers_andLaterCallsStartThere() throws Exception {
        URI down = unusedPort();
        StandIn second = answering(200, "application/json", "{\"by\":\"second\"}");
        PeerClient client = client(down, second.url());

        assertThat(client.post(EU, "/internal/x", "{}", TIMEOUT, Map.of(), UNSAFE).body()).contains("second");
        assertThat(client.get(EU, "/internal/x", TIMEOUT).body()).contains("second");
        assertThat(client.postAsync(EU, "/internal/x", "{}", TIMEOUT, UNSAFE).get().body()).contains("second");
        assertThat(second.calls.get()).isEqualTo(3);
    }

    @Test
    void givenAProxysUnavailableAnswer_whenSafeToRepeat_thenTheNextInstanceAnswers() throws Exception {
        StandIn proxy = answering(503, "text/html", "<html>no upstream</html>");
        StandIn second = answering(200, "application/json", "{\"by\":\"second\"}");
        PeerClient client = client(proxy.url(), second.url());

        assertThat(client.post(EU, "/internal/x", "{}", TIMEOUT, Map.of(), SAFE).statusCode()).isEqualTo(200);
        assertThat(proxy.calls.get()).isEqualTo(1);
    }

    @Test
    void givenAProxysBadGateway_whenAsyncAndSafe_thenTheNextInstanceAnswers() throws Exception {
        StandIn proxy = answering(502, "text/plain", "bad gateway");
        StandIn second = answering(200, "application/json", "{}");
        PeerClient client = client(proxy.url(), second.url());

        assertThat(client.postAsync(EU, "/internal/x", "{}", TIMEOUT, SAFE).get().statusCode()).isEqualTo(200);
    }

    @Test
    void givenAProxysUnavailableAnswer_whenNotSafeToRepeat_thenItIsTheAnswer() throws Exception {
        StandIn proxy = answering(503, "text/html", "<html>no upstream</html>");
        StandIn second = answering(200, "application/json", "{}");
        PeerClient client = client(proxy.url(), second.url());

        assertThat(client.post(EU, "/internal/x", "{}", TIMEOUT, Map.of(), UNSAFE).statusCode()).isEqualTo(503);
        assertThat(second.calls.get()).isZero();
    }

    @Test
    void givenRegentsOwnUnavailableProblem_thenItIsTheRegionsAnswer_notRepeated() throws Exception {
        StandIn first = answering(503, "application/problem+json", "{\"title\":\"Owner region unavailable\"}");
        StandIn second = answering(200, "application/json", "{}");
        PeerClient client = client(first.url(), second.url());

        HttpResponse<String> answer = client.post(EU, "/internal/x", "{}", TIMEOUT, Map.of(), SAFE);

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).contains("Owner region unavailable");
        assertThat(second.calls.get()).isZero();
    }

    @Test
    void givenAnInstanceThatDoesNotAnswerInTime_whenSafe_thenTheNextAnswers_whenNot_thenTheCallTimesOut()
            throws Exception {
        StandIn stuck = hanging();
        StandIn second = answering(200, "application/json", "{}");
        PeerClient client = client(stuck.url(), second.url());

        assertThatThrownBy(() -> client.post(EU, "/internal/x", "{}", TIMEOUT, Map.of(), UNSAFE))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(second.calls.get()).isZero();
        assertThat(client.get(EU, "/internal/x", TIMEOUT).statusCode()).isEqualTo(200);
    }

    @Test
    void givenNoInstanceAnswers_thenTheRegionIsUnavailable() throws Exception {
        PeerClient client = client(unusedPort(), unusedPort());

        assertThatThrownBy(() -> client.get(EU, "/internal/x", TIMEOUT)).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> client.postAsync(EU, "/internal/x", "{}", TIMEOUT, SAFE).get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ConnectException.class);
    }

    private PeerClient client(URI... instances) {
        return new PeerClient(region -> List.of(instances), US, new PeerZone(0, null), TIMEOUT);
    }

    private StandIn answering(int status, String contentType, String body) throws IOException {
        return standIn(exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    private StandIn hanging() throws IOException {
        return standIn(exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
    }

    private interface Handler {
        void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException;
    }

    private StandIn standIn(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            handler.handle(exchange);
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        StandIn standIn = new StandIn(server, calls);
        standIns.add(standIn);
        return standIn;
    }

    private record StandIn(HttpServer server, AtomicInteger calls) {
        URI url() {
            return URI.create("http://localhost:" + server.getAddress().getPort());
        }
    }

    private static URI unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://localhost:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
