package dev.regent.infrastructure.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.OwnershipMetadata;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.callbacks.NoOpCallback;
import org.axonframework.commandhandling.distributed.CommandBusConnector;
import org.axonframework.commandhandling.distributed.Member;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;

import dev.regent.infrastructure.peer.PeerClient;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static dev.regent.infrastructure.peer.PeerClient.Repeat.SAFE;
import static org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage;

/**
 * Handles a command in this region's local segment when this region owns it, and otherwise forwards it to the owner
 * over HTTP ({@code POST <owner>/internal/commands}), within the routing timeout. The owner's answer, success or error,
 * reaches the caller unchanged; no answer in time goes to the {@link OwnerUnavailablePolicy}.
 */
public class HttpCommandBusConnector implements CommandBusConnector {

    public static final String FORWARD_PATH = "/internal/commands";

    private final CommandBus localSegment;
    private final CommandWireFormat wireFormat;
    private final ObjectMapper json;
    private final Duration timeout;
    private final OwnerUnavailablePolicy ownerUnavailablePolicy;
    private final MeterRegistry meters;
    private final PeerClient peers;
    private final HandledCommands handled;

    public HttpCommandBusConnector(CommandBus localSegment, CommandWireFormat wireFormat,
                                   ObjectMapper json, Duration timeout, OwnerUnavailablePolicy ownerUnavailablePolicy,
                                   MeterRegistry meters, PeerClient peers, HandledCommands handled) {
        this.localSegment = localSegment;
        this.wireFormat = wireFormat;
        this.json = json;
        this.timeout = timeout;
        this.ownerUnavailablePolicy = ownerUnavailablePolicy;
        this.meters = meters;
        this.peers = peers;
        this.handled = handled;
    }

    @Override
    public <C> void send(Member destination, CommandMessage<? extends C> command) {
        send(destination, command, NoOpCallback.INSTANCE);
    }

    @Override
    public <C, R> void send(Member destination, CommandMessage<C> command, CommandCallback<? super C, R> callback) {
        RegionMember owner = (RegionMember) destination;
        if (owner.local()) {
            localSegment.dispatch(command, callback);
        } else if (!ownerUnavailablePolicy.holdsBack(command, owner.region(), callback)) {
            forward(owner, command, callback);
        }
    }

    private <C, R> void forward(RegionMember owner, CommandMessage<C> command,
                                CommandCallback<? super C, R> callback) {
        CommandMessage<C> routed = command.andMetaData(routingMetaData(owner));
        String body;
        try {
            body = json.writeValueAsString(wireFormat.toWire(routed));
        } catch (JsonProcessingException e) {
            callback.onResult(command, asCommandResultMessage(e));
            return;
        }
        Timer.Sample sample = Timer.start(meters);
        // Safe to repeat: the owner answers a command id it has handled from its record (RepeatAnsweringInterceptor,
        // keyed on the command's identifier, which the wire format carries; its turn lock is the region's database's,
        // so two instances of the owner take turns too).
        peers.postAsync(owner.region(), FORWARD_PATH, body, timeout, SAFE).whenComplete((response, failure) -> {
            String outcome = failure != null ? "unavailable"
                    : response.statusCode() / 100 == 2 ? "success" : "rejected";
            // Recorded before the caller is answered, so that what the caller sees is already counted.
            sample.stop(Timer.builder("regent.routing.latency")
                    .description("Time for a routed command's owner to answer")
                    .tag("target", owner.region().name()).tag("outcome", outcome)
                    .publishPercentiles(0.5, 0.99)
                    .register(meters));
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                ownerUnavailablePolicy.onOwnerUnavailable(command,
                        new OwnerUnavailableException(owner.region(), command.getCommandName(), cause), callback);
            } else if (response.statusCode() / 100 == 2) {
                callback.onResult(command, asCommandResultMessage(readResult(response.body())));
            } else {
                callback.onResult(command, asCommandResultMessage(
                        new RemoteCommandRejectedException(owner.region(), response.statusCode(), response.body())));
            }
        });
    }

    /** The owner stamps the forwarding and accepting region from this region's identity: only the epoch is said. */
    private Map<String, String> routingMetaData(RegionMember owner) {
        Map<String, String> metaData = new HashMap<>();
        if (owner.expectedEpoch() > 0) {
            metaData.put(OwnershipMetadata.EXPECTED_EPOCH, Long.toString(owner.expectedEpoch()));
        }
        return metaData;
    }

    private Object readResult(String body) {
        try {
            return wireFormat.resultFromWire(json.readValue(body, ForwardedCommand.Result.class));
        } catch (IOException | RuntimeException e) {
            // A Throwable result makes the command's result exceptional.
            return new IllegalStateException("Unreadable answer from the owner region", e);
        }
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        handled.subscribed(commandName);
        return localSegment.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
        return localSegment.registerHandlerInterceptor(interceptor);
    }

    @Override
    public Optional<CommandBus> localSegment() {
        return Optional.of(localSegment);
    }
}
