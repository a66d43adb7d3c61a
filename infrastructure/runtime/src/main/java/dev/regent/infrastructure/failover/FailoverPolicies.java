package dev.regent.infrastructure.failover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.FailoverPolicy;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.ownership.WhenOwnerUnavailable;
import dev.regent.infrastructure.routing.CommandWireFormat;
import dev.regent.infrastructure.routing.OwnerUnavailableException;
import dev.regent.infrastructure.routing.OwnerUnavailablePolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Map;

import static org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage;

/**
 * Applies each command type's {@link FailoverPolicy} when its owner does not answer: configuration first
 * ({@code regent.failover.policies}), then the type's {@link WhenOwnerUnavailable}, then the default. A command that
 * is itself a delivery of a kept one is never kept again: its failure goes back to the delivery.
 */
public class FailoverPolicies implements OwnerUnavailablePolicy {

    /** Metadata on the delivery of a kept command: the policy that kept it. */
    public static final String DELIVERY = "regent-deferred-delivery";
    /** Metadata on a captured command: when it was captured, for the owner's adjudication. */
    public static final String CAPTURED_AT = "regent-captured-at";

    private final FailoverPolicy defaultPolicy;
    private final Map<String, FailoverPolicy> configured;
    private final DeferredCommands deferred;
    private final RequestTracker requests;
    private final CommandWireFormat wireFormat;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final RoutingStrategy routingStrategy = AnnotationRoutingStrategy.defaultStrategy();

    public FailoverPolicies(FailoverPolicy defaultPolicy, Map<String, FailoverPolicy> configured,
                            DeferredCommands deferred, RequestTracker requests, CommandWireFormat wireFormat,
                            ObjectMapper json, TransactionTemplate transactions, Clock clock, MeterRegistry meters) {
        this.defaultPolicy = defaultPolicy;
        this.configured = Map.copyOf(configured);
        this.deferred = deferred;
        this.requests = requests;
        this.wireFormat = wireFormat;
        this.json = json;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
    }

    public FailoverPolicy policyFor(CommandMessage<?> command) {
        if (command.getMetaData().containsKey(DELIVERY)) {
            return FailoverPolicy.REJECT;
        }
        String name = command.getCommandName();
        FailoverPolicy byConfiguration = configured.getOrDefault(name,
                configured.get(name.substring(name.lastIndexOf('.') + 1)));
        if (byConfiguration != null) {
            return byConfiguration;
        }
        WhenOwnerUnavailable declared = command.getPayloadType().getAnnotation(WhenOwnerUnavailable.class);
        return declared != null ? declared.value() : defaultPolicy;
    }

    @Override
    public <C, R> void onOwnerUnavailable(CommandMessage<C> command, OwnerUnavailableException failure,
                                          CommandCallback<? super C, R> callback) {
        FailoverPolicy policy = policyFor(command);
        if (policy == FailoverPolicy.REJECT) {
            count(command, policy, "rejected");
            callback.onResult(command, asCommandResultMessage(failure.under(policy.name())));
        } else {
            keep(command, failure.owner(), policy, callback);
        }
    }

    @Override
    public <C, R> boolean holdsBack(CommandMessage<C> command, Region owner, CommandCallback<? super C, R> callback) {
        FailoverPolicy policy = policyFor(command);
        if (policy == FailoverPolicy.REJECT || !deferred.hasWaiting(routingStrategy.getRoutingKey(command))) {
            return false;
        }
        keep(command, owner, policy, callback);
        return true;
    }

    private <C, R> void keep(CommandMessage<C> command, Region owner, FailoverPolicy policy,
                             CommandCallback<? super C, R> callback) {
        String requestId = command.getIdentifier();
        String aggregateId = routingStrategy.getRoutingKey(command);
        CommandMessage<C> kept = policy == FailoverPolicy.CAPTURE
                ? command.andMetaData(Map.of(CAPTURED_AT, clock.instant().toString())) : command;
        try {
            String wire = json.writeValueAsString(wireFormat.toWire(kept));
            transactions.executeWithoutResult(status -> {
                deferred.keep(requestId, policy, command.getCommandName(), aggregateId, owner, wire);
                requests.deferred(requestId, command.getCommandName(), aggregateId, owner, policy);
            });
        } catch (JsonProcessingException | RuntimeException e) {
            count(command, policy, "lost");
            callback.onResult(command, asCommandResultMessage(new IllegalStateException(
                    "The owner region " + owner + " did not answer and the command could not be kept: " + e, e)));
            return;
        }
        count(command, policy, policy == FailoverPolicy.CAPTURE ? "captured" : "queued");
        callback.onResult(command, asCommandResultMessage(
                new CommandDeferredException(requestId, policy, owner, command.getCommandName())));
    }

    private void count(CommandMessage<?> command, FailoverPolicy policy, String outcome) {
        String name = command.getCommandName();
        Counter.builder("regent.failover.commands")
                .description("Commands whose owner did not answer, by failover policy and outcome")
                .tag("command", name.substring(name.lastIndexOf('.') + 1))
                .tag("policy", policy.name()).tag("outcome", outcome)
                .register(meters).increment();
    }
}
