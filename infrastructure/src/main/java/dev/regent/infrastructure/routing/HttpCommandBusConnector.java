package dev.regent.infrastructure.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
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

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage;

/**
 * Handles a command in this region's local segment when this region owns it, and otherwise forwards it to the owner
 * over HTTP ({@code POST <owner>/internal/commands}), within the routing timeout. The owner's answer, success or error,
 * reaches the caller unchanged; no answer in time goes to the {@link OwnerUnavailablePolicy}.
 */
public class HttpCommandBusConnector implements CommandBusConnector {

    public static final String FORWARD_PATH = "/internal/commands";

    private final CommandBus localSegment;
    private final Region localRegion;
    private final CommandWireFormat wireFormat;
    private final ObjectMapper json;
    private final Duration timeout;
    private final OwnerUnavailablePolicy ownerUnavailablePolicy;
    private final MeterRegistry meters;
    private final HttpClient http;

    public HttpCommandBusConnector(CommandBus localSegment, Region localRegion, CommandWireFormat wireFormat,
                                   ObjectMapper json, Duration timeout, OwnerUnavailablePolicy ownerUnavailablePolicy,
                                   MeterRegistry meters) {
        this.localSegment = localSegment;
        this.localRegion = localRegion;
        this.wireFormat = wireFormat;
        this.json = json;
        this.timeout = timeout;
        this.ownerUnavailablePolicy = ownerUnavailablePolicy;
        this.meters = meters;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
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
        CommandMessage<C> routed = command.andMetaData(routingMetaData(command, owner));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(owner.baseUrl().resolve(FORWARD_PATH))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, application/problem+json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(wireFormat.toWire(routed))))
                    .build();
        } catch (JsonProcessingException e) {
            callback.onResult(command, asCommandResultMessage(e));
            return;
        }
        Timer.Sample sample = Timer.start(meters);
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
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

    private Map<String, String> routingMetaData(CommandMessage<?> command, RegionMember owner) {
        Map<String, String> metaData = new HashMap<>();
        metaData.put(OwnershipMetadata.FORWARDED_FROM, localRegion.name());
        if (!command.getMetaData().containsKey(OwnershipMetadata.ACCEPTED_REGION)) {
            metaData.put(OwnershipMetadata.ACCEPTED_REGION, localRegion.name());
        }
        if (owner.expectedEpoch() > 0) {
            metaData.put(OwnershipMetadata.EXPECTED_EPOCH, Long.toString(owner.expectedEpoch()));
        }
        return metaData;
    }

    private Object readResult(String body) {
        try {
            return wireFormat.resultFromWire(json.readValue(body, ForwardedCommand.Result.class));
        } catch (IOException e) {
            // A Throwable result makes the command's result exceptional.
            return new IllegalStateException("Unreadable answer from the owner region: " + body, e);
        }
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
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
