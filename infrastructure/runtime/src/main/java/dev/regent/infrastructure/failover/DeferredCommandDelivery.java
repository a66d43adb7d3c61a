package dev.regent.infrastructure.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.FailoverPolicy;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.routing.CommandWireFormat;
import dev.regent.infrastructure.routing.ForwardedCommand;
import dev.regent.infrastructure.routing.OwnerUnavailableException;
import dev.regent.infrastructure.routing.RemoteCommandRejectedException;
import dev.regent.infrastructure.instances.RegionLeases;
import dev.regent.infrastructure.scheduling.PeriodicTask;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Offers kept commands to their owners again, every {@code regent.failover.delivery-interval}: oldest first, and never
 * one before an older one for the same aggregate has settled. A command goes through the command bus as it would have
 * (so a transferred aggregate reaches its new owner) with its original id (so the owner answers a repeat without
 * applying it twice). Settled when the owner answers: delivered, or refused with its reason; kept while it is silent.
 */
public class DeferredCommandDelivery {

    private static final Logger log = LoggerFactory.getLogger(DeferredCommandDelivery.class);
    private static final int BATCH = 200;

    private final DeferredCommands deferred;
    private final RequestTracker requests;
    private final CommandBus commandBus;
    private final CommandWireFormat wireFormat;
    private final ObjectMapper json;
    private final Duration interval;
    private final Duration answerTimeout;
    private final ProcessedCommands processed;
    private final Duration rememberAnswersFor;

    public DeferredCommandDelivery(DeferredCommands deferred, RequestTracker requests, CommandBus commandBus,
                                   CommandWireFormat wireFormat, ObjectMapper json, Duration interval,
                                   Duration answerTimeout, ProcessedCommands processed, Duration rememberAnswersFor,
                                   MeterRegistry meters, Clock clock) {
        this.deferred = deferred;
        this.processed = processed;
        this.rememberAnswersFor = rememberAnswersFor;
        this.requests = requests;
        this.commandBus = commandBus;
        this.wireFormat = wireFormat;
        this.json = json;
        this.interval = interval;
        this.answerTimeout = answerTimeout;
        for (FailoverPolicy policy : new FailoverPolicy[]{FailoverPolicy.QUEUE, FailoverPolicy.CAPTURE}) {
            Gauge.builder("regent.failover.waiting", deferred, commands -> commands.depth(policy))
                    .description("Commands kept for an owner that did not answer, not settled yet")
                    .tag("policy", policy.name()).register(meters);
            Gauge.builder("regent.failover.waiting.oldest.seconds", deferred,
                            commands -> commands.oldestAge(policy, clock.instant()).toMillis() / 1000.0)
                    .description("Age of the oldest command kept for an owner that did not answer")
                    .tag("policy", policy.name()).register(meters);
        }
    }

    /** One pass over the waiting commands; returns how many settled. */
    public int deliverWaiting() {
        Set<String> blockedAggregates = new HashSet<>();
        Set<Region> silentOwners = new HashSet<>();
        int settled = 0;
        for (DeferredCommand next : deferred.waiting(BATCH)) {
            if (blockedAggregates.contains(next.aggregateId()) || silentOwners.contains(next.owner())) {
                blockedAggregates.add(next.aggregateId());
                continue;
            }
            CommandResultMessage<?> answer = offer(next);
            if (!answer.isExceptional()) {
                deferred.settle(next.seq(), DeferredCommands.DELIVERED, null);
                requests.delivered(next.requestId(), next.aggregateId(), answer.getPayload());
                settled++;
                log.info("Delivered {} {} to its owner ({} attempts before)", next.policy(), next.requestId(),
                        next.attempts());
            } else if (silent(answer.exceptionResult())) {
                deferred.attemptFailed(next.seq(), String.valueOf(answer.exceptionResult()));
                blockedAggregates.add(next.aggregateId());
                silentOwners.add(next.owner());
            } else {
                Throwable refusal = answer.exceptionResult();
                deferred.settle(next.seq(), DeferredCommands.REFUSED, refusal.getMessage());
                requests.refused(next.requestId(), refusal.getMessage(),
                        refusal instanceof RemoteCommandRejectedException rejected ? rejected.problemJson() : null);
                settled++;
                log.info("The owner refused {} {}: {}", next.policy(), next.requestId(), refusal.getMessage());
            }
        }
        return settled;
    }

    /** No answer: the owner may or may not have applied it, so it is offered again (the owner answers repeats). */
    private static boolean silent(Throwable failure) {
        return failure instanceof OwnerUnavailableException || failure instanceof TimeoutException
                || failure instanceof InterruptedException;
    }

    private CommandResultMessage<?> offer(DeferredCommand kept) {
        try {
            CommandMessage<?> command = wireFormat.fromWire(json.readValue(kept.command(), ForwardedCommand.class))
                    .andMetaData(Map.of(FailoverPolicies.DELIVERY, kept.policy().name()));
            FutureCallback<Object, Object> answer = new FutureCallback<>();
            @SuppressWarnings("unchecked")
            CommandMessage<Object> sent = (CommandMessage<Object>) command;
            commandBus.dispatch(sent, answer);
            return answer.getResult(answerTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (Exception unreadable) {
            return GenericCommandResultMessage.asCommandResultMessage(unreadable);
        }
    }

    /** Answers to other regions' commands older than {@code regent.failover.remember-answers-for} are forgotten. */
    public void forgetOldAnswers() {
        int forgotten = processed.forgetOlderThan(rememberAnswersFor);
        if (forgotten > 0) {
            log.info("Forgot {} answers to commands older than {}", forgotten, rememberAnswersFor);
        }
    }

    /**
     * Delivering every interval, forgetting old answers every hour; both once per region: the kept commands and the
     * answers are the region's rows, and two instances offering the same kept command would send it twice.
     */
    public PeriodicTask schedule(RegionLeases leases) {
        return new PeriodicTask("regent-failover-delivery", List.of(
                PeriodicTask.Job.oncePerRegion("Delivery of kept commands", interval, this::deliverWaiting),
                PeriodicTask.Job.oncePerRegion("Forgetting old answers", Duration.ofHours(1), this::forgetOldAnswers)),
                leases);
    }
}
