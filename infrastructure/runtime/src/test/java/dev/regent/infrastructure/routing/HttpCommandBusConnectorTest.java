package dev.regent.infrastructure.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.regent.insurer.identity.ChangeCustomerContactCommand;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.PhoneNumber;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.peer.PeerClient;
import dev.regent.infrastructure.peer.PeerZone;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The connector against a stand-in owner region speaking the forwarding protocol over real HTTP. */
class HttpCommandBusConnectorTest {

    private static final Region US = Region.of("us");
    private static final Region EU = Region.of("eu");
    private static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Invalid email\",\"status\":400,"
            + "\"detail\":\"email: nope\",\"region\":\"eu\"}";

    private final HandledCommands handled = new HandledCommands();
    private final CommandWireFormat wireFormat = new CommandWireFormat(JacksonSerializer.defaultSerializer(), handled,
            List.of("dev.regent.insurer"));
    private final ObjectMapper json = new ObjectMapper();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private HttpServer owner;

    @AfterEach
    void stopOwner() {
        if (owner != null) {
            owner.stop(0);
        }
    }

    @Test
    void givenTheOwnerRejects_thenTheCallerGetsItsStatusAndProblemBodyVerbatim() throws Exception {
        AtomicReference<CommandMessage<?>> received = new AtomicReference<>();
        startOwner(400, PROBLEM, received);

        CommandResultMessage<?> result = forward(connector(Duration.ofSeconds(2)));

        assertThat(result.isExceptional()).isTrue();
        RemoteCommandRejectedException rejected = (RemoteCommandRejectedException) result.exceptionResult();
        assertThat(rejected.owner()).isEqualTo(EU);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.problemJson()).isEqualTo(PROBLEM);
        assertThat(received.get().getPayload()).isEqualTo(command().getPayload());
        // The sender says only the epoch it resolved: who forwarded and accepted it, the owner stamps itself.
        assertThat(received.get().getMetaData())
                .containsEntry(OwnershipMetadata.EXPECTED_EPOCH, "1")
                .doesNotContainKeys(OwnershipMetadata.FORWARDED_FROM, OwnershipMetadata.ACCEPTED_REGION);
    }

    @Test
    void givenTheOwnerAnswers_thenTheCallerGetsTheOwnersResult() throws Exception {
        startOwner(200, json.writeValueAsString(wireFormat.resultToWire(7L)), new AtomicReference<>());

        CommandResultMessage<?> result = forward(connector(Duration.ofSeconds(2)));

        assertThat(result.isExceptional()).isFalse();
        assertThat(result.getPayload()).isEqualTo(7L);
        assertThat(meters.get("regent.routing.latency").tag("target", "eu").tag("outcome", "success").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void givenNoOwnerListens_thenTheOwnerIsUnavailableAndProvablyDidNotApplyIt() throws Exception {
        CommandResultMessage<?> result = forward(connector(Duration.ofSeconds(2),
                URI.create("http://127.0.0.1:" + freePort())));

        OwnerUnavailableException unavailable = (OwnerUnavailableException) result.exceptionResult();
        assertThat(unavailable.owner()).isEqualTo(EU);
        assertThat(unavailable.possiblyApplied()).isFalse();
    }

    @Test
    void givenTheOwnerIsTooSlow_thenTheOwnerIsUnavailableButMayStillApplyIt() throws Exception {
        owner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        owner.createContext("/internal/commands", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        owner.start();

        CommandResultMessage<?> result = forward(connector(Duration.ofMillis(300)));

        OwnerUnavailableException unavailable = (OwnerUnavailableException) result.exceptionResult();
        assertThat(unavailable.possiblyApplied()).isTrue();
        assertThat(unavailable).hasMessageContaining("Owner region eu did not answer ChangeCustomerContactCommand");
    }

    private HttpCommandBusConnector connector(Duration timeout) {
        return connector(timeout, URI.create("http://127.0.0.1:" + owner.getAddress().getPort()));
    }

    /** Plain HTTP: what the connector does with an answer is under test here, not the peer zone's TLS. */
    private HttpCommandBusConnector connector(Duration timeout, URI ownerUrl) {
        PeerClient peers = new PeerClient(region -> List.of(ownerUrl), US, new PeerZone(0, null), timeout);
        return new HttpCommandBusConnector(SimpleCommandBus.builder().build(), wireFormat, json, timeout,
                OwnerUnavailablePolicy.reject(), meters, peers, handled);
    }

    private static CommandResultMessage<?> forward(HttpCommandBusConnector connector) throws Exception {
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        connector.send(new RegionMember(EU, URI.create("https://eu.invalid"), false, 1), command(), callback);
        return callback.get();
    }

    private static CommandMessage<Object> command() {
        return GenericCommandMessage.asCommandMessage(new ChangeCustomerContactCommand(new CustomerId("c-1"), null,
                new PhoneNumber("+33 1 00 00 00 00")));
    }

    private void startOwner(int status, String body, AtomicReference<CommandMessage<?>> received) throws IOException {
        handled.subscribed(ChangeCustomerContactCommand.class.getName());
        owner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        owner.createContext("/internal/commands", exchange -> {
            received.set(wireFormat.fromWire(json.readValue(exchange.getRequestBody(), ForwardedCommand.class)));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        owner.start();
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
