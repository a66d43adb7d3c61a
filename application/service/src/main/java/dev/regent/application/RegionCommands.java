package dev.regent.application;

import dev.regent.application.idempotency.RequestIds;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.ownership.OwnershipResolver;
import dev.regent.infrastructure.region.RegentProperties;
import dev.regent.infrastructure.ownership.OwnershipResolver.ResolvedOwner;
import dev.regent.infrastructure.failover.CommandDeferredException;
import dev.regent.infrastructure.routing.OwnerUnavailableException;
import dev.regent.infrastructure.routing.RemoteCommandRejectedException;
import dev.regent.projections.requests.RoutedRequests;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Sends commands through Axon's (distributed) command bus, which routes each to its owner region; tells callers
 * which region owns what they create; and, for a change routed to a slow owner, answers "pending" instead of
 * blocking, following the request until the owner's change is visible in this region. A request with an
 * {@code Idempotency-Key} sends its command under an id derived from the key ({@link RequestIds}).
 */
@Component
public class RegionCommands {

    /** A change's outcome: done (with the owner's answer) or still pending (follow it by its request id). */
    public record Outcome<R>(R result, String pendingRequestId) {

        public boolean isPending() {
            return pendingRequestId != null;
        }
    }

    private final CommandGateway commandGateway;
    private final OwnershipResolver ownershipResolver;
    private final RoutedRequests routedRequests;
    private final RequestIds requestIds;
    private final Duration pendingAfter;

    public RegionCommands(CommandGateway commandGateway, OwnershipResolver ownershipResolver,
                          RoutedRequests routedRequests, RequestIds requestIds,
                          RegentProperties properties) {
        this.commandGateway = commandGateway;
        this.ownershipResolver = ownershipResolver;
        this.routedRequests = routedRequests;
        this.requestIds = requestIds;
        this.pendingAfter = properties.routing().pendingAfter();
    }

    /** Sends a creating command to the region its aggregate's rule designates, and answers that region. */
    public Region create(Object creationCommand) {
        CommandMessage<?> message = requestIds.commandMessage(creationCommand);
        Region owner = ownershipResolver.resolve(message)
                .map(ResolvedOwner::owner)
                .orElseThrow(() -> new IllegalArgumentException(
                        creationCommand.getClass().getSimpleName() + " creates no region-owned aggregate"));
        commandGateway.sendAndWait(message);
        return owner;
    }

    /** Sends a command to its aggregate's owner and answers the owner's result. */
    public <R> R send(Object command) {
        return commandGateway.sendAndWait(requestIds.commandMessage(command));
    }

    /**
     * Sends a change that answers the aggregate's new version. Handled here, or by an owner that answers within
     * {@code regent.routing.pending-after}: done. Otherwise (or at once when the caller prefers not to wait) the
     * request is recorded as pending and followed: it becomes applied when this region's projection shows the owner's
     * change ({@code visibleVersion}), or rejected with the owner's reason.
     */
    public Outcome<Long> sendOrFollow(Object change, boolean respondAsync, LongSupplier visibleVersion) {
        CommandMessage<?> message = requestIds.commandMessage(change);
        Optional<ResolvedOwner> owner = ownershipResolver.resolve(message)
                .filter(resolved -> !resolved.owner().equals(ownershipResolver.localRegion()));
        if (owner.isEmpty()) {
            return new Outcome<>(commandGateway.sendAndWait(message), null);
        }
        CompletableFuture<Long> answer = commandGateway.send(message);
        if (!respondAsync) {
            try {
                return new Outcome<>(answer.get(pendingAfter.toMillis(), TimeUnit.MILLISECONDS), null);
            } catch (TimeoutException slowOwner) {
                // fall through: follow it instead of blocking the caller
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the owner region", e);
            }
        }
        String requestId = message.getIdentifier();
        routedRequests.recordPending(requestId, message.getCommandName(), owner.get().aggregateId(),
                owner.get().owner());
        answer.whenComplete((version, failure) -> {
            if (failure == null) {
                routedRequests.ownerAccepted(requestId, version, visibleVersion);
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof CommandDeferredException) {
                    return; // kept by its failover policy, which has recorded the request as QUEUED or CAPTURED
                }
                if (cause instanceof OwnerUnavailableException silent && silent.possiblyApplied()) {
                    routedRequests.ownerSilent(requestId, cause.getMessage());
                } else {
                    routedRequests.ownerRejected(requestId, cause.getMessage(),
                            cause instanceof RemoteCommandRejectedException rejected ? rejected.problemJson() : null);
                }
            }
        });
        return new Outcome<>(null, requestId);
    }
}
