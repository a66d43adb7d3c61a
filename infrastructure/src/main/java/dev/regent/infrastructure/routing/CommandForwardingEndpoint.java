package dev.regent.infrastructure.routing;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.concurrent.CompletableFuture;

/**
 * Receives commands forwarded by other regions and handles them in this region's local segment, where the ownership
 * interceptor checks that this region is (still) the owner. Never routes again, so a command cannot loop between
 * regions. Failures are rethrown, so this region's error handling answers with exactly the problem a direct caller
 * would get.
 */
@RestController
public class CommandForwardingEndpoint {

    private final CommandBus localSegment;
    private final CommandWireFormat wireFormat;

    public CommandForwardingEndpoint(CommandBus localSegment, CommandWireFormat wireFormat) {
        this.localSegment = localSegment;
        this.wireFormat = wireFormat;
    }

    @PostMapping(path = HttpCommandBusConnector.FORWARD_PATH, consumes = "application/json",
            produces = "application/json")
    public CompletableFuture<ForwardedCommand.Result> handle(@RequestBody ForwardedCommand forwarded) {
        CommandMessage<?> command = wireFormat.fromWire(forwarded);
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
