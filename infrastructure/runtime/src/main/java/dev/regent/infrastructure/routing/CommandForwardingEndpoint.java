package dev.regent.infrastructure.routing;

import dev.regent.infrastructure.peer.Peers;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.concurrent.CompletableFuture;

/**
 * Receives commands forwarded by other regions (authenticated peers only) and handles them in this region's local
 * segment, where the ownership interceptor checks that this region is (still) the owner. Only command types this
 * region handles are read, and the forwarding region is stamped from the peer's identity. Never routes again, so a
 * command cannot loop between regions. Failures are rethrown, so this region's error handling answers with exactly
 * the problem a direct caller would get.
 */
@RestController
public class CommandForwardingEndpoint {

    private final CommandBus localSegment;
    private final CommandWireFormat wireFormat;
    private final Peers peers;

    public CommandForwardingEndpoint(CommandBus localSegment, CommandWireFormat wireFormat, Peers peers) {
        this.localSegment = localSegment;
        this.wireFormat = wireFormat;
        this.peers = peers;
    }

    @PostMapping(path = HttpCommandBusConnector.FORWARD_PATH, consumes = "application/json",
            produces = "application/json")
    public CompletableFuture<ForwardedCommand.Result> handle(@RequestBody ForwardedCommand forwarded, Principal peer) {
        CommandMessage<?> command = wireFormat.fromPeer(forwarded, peers.of(peer));
        CompletableFuture<ForwardedCommand.Result> answer = new CompletableFuture<>();
        localSegment.dispatch(command, (message, result) -> {
            if (result.isExceptional()) {
                answer.completeExceptionally(result.exceptionResult());
            } else {
                answer.complete(wireFormat.resultToWire(result.getPayload()));
            }
        });
        return answer;
    }
}
