package dev.regent.infrastructure.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.infrastructure.routing.CommandWireFormat;
import dev.regent.infrastructure.routing.ForwardedCommand;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Optional;

/**
 * Where a command is handled, inside its transaction, for a command that may arrive more than once — sent by another
 * region (forwarded, or delivered from its queue), or sent for a request with an idempotency key: a command id handled
 * here before is answered with the answer on record instead of being applied again; otherwise its answer is recorded
 * in the same transaction as its events. It runs before the ownership check, so that a repeated creation gets the
 * creation's answer rather than "already exists"; and repeats of one id take turns, so one that arrives while the
 * first is still being handled waits for that answer.
 */
public class RepeatAnsweringInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final ProcessedCommands processed;
    private final CommandWireFormat wireFormat;
    private final ObjectMapper json;
    private final Counter repeats;
    private final RoutingStrategy routingStrategy = AnnotationRoutingStrategy.defaultStrategy();

    public RepeatAnsweringInterceptor(ProcessedCommands processed, CommandWireFormat wireFormat, ObjectMapper json,
                                      MeterRegistry meters) {
        this.processed = processed;
        this.wireFormat = wireFormat;
        this.json = json;
        this.repeats = Counter.builder("regent.failover.repeats.answered")
                .description("Commands received again (from another region, or for a retried request with an "
                        + "idempotency key), answered from the record, not applied again")
                .register(meters);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        if (!mayArriveAgain(command)) {
            return chain.proceed();
        }
        processed.takeTurn(command.getIdentifier());
        Optional<ProcessedCommands.Answer> answered = processed.find(command.getIdentifier());
        if (answered.isPresent()) {
            repeats.increment();
            String result = answered.get().result();
            return result == null ? null
                    : wireFormat.resultFromWire(json.readValue(result, ForwardedCommand.Result.class));
        }
        Object result = chain.proceed();
        processed.record(command.getIdentifier(), routingStrategy.getRoutingKey(command),
                json.writeValueAsString(wireFormat.resultToWire(result)));
        return result;
    }

    private static boolean mayArriveAgain(CommandMessage<?> command) {
        return command.getMetaData().containsKey(OwnershipMetadata.FORWARDED_FROM)
                || command.getMetaData().containsKey(FailoverPolicies.DELIVERY)
                || command.getMetaData().containsKey(ProcessedCommands.KEYED);
    }
}
