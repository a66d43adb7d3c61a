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
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * At an owner, inside a command's transaction, for commands another region sent: a command id seen before is answered
 * with the answer on record instead of being applied again (a timed-out forward, then its delivery from a queue, is
 * applied once); and a captured change is adjudicated: refused when the owner changed the aggregate after the capture.
 */
public class OwnerSideDeliveryInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final ProcessedCommands processed;
    private final CommandWireFormat wireFormat;
    private final ObjectMapper json;
    private final JdbcTemplate jdbc;
    private final Counter repeats;
    private final RoutingStrategy routingStrategy = AnnotationRoutingStrategy.defaultStrategy();

    public OwnerSideDeliveryInterceptor(ProcessedCommands processed, CommandWireFormat wireFormat, ObjectMapper json,
                                        JdbcTemplate jdbc, MeterRegistry meters) {
        this.processed = processed;
        this.wireFormat = wireFormat;
        this.json = json;
        this.jdbc = jdbc;
        this.repeats = Counter.builder("regent.failover.repeats.answered")
                .description("Commands received again by their owner, answered from the record, not applied again")
                .register(meters);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        boolean fromElsewhere = command.getMetaData().containsKey(OwnershipMetadata.FORWARDED_FROM)
                || command.getMetaData().containsKey(FailoverPolicies.DELIVERY);
        if (!fromElsewhere) {
            return chain.proceed();
        }
        Optional<ProcessedCommands.Answer> answered = processed.find(command.getIdentifier());
        if (answered.isPresent()) {
            repeats.increment();
            String result = answered.get().result();
            return result == null ? null
                    : wireFormat.resultFromWire(json.readValue(result, ForwardedCommand.Result.class));
        }
        String aggregateId = routingStrategy.getRoutingKey(command);
        if (command.getMetaData().containsKey(FailoverPolicies.DELIVERY)) {
            // Deliveries from several regions to one aggregate take turns: each adjudicates after the other's change
            // is committed, instead of both reading the same version and one failing on a concurrency conflict.
            jdbc.query("select 1 from regent_ownership where aggregate_id = ? for update", (rs, n) -> 1, aggregateId);
        }
        Object captured = command.getMetaData().get(FailoverPolicies.CAPTURED_AT);
        if (captured != null) {
            adjudicate(aggregateId, Instant.parse(captured.toString()));
        }
        Object result = chain.proceed();
        processed.record(command.getIdentifier(), aggregateId,
                json.writeValueAsString(wireFormat.resultToWire(result)));
        return result;
    }

    private void adjudicate(String aggregateId, Instant capturedAt) {
        List<String> latest = jdbc.queryForList("select max(time_stamp) from domain_event_entry "
                + "where aggregate_identifier = ?", String.class, aggregateId);
        if (!latest.isEmpty() && latest.get(0) != null) {
            Instant ownersLatestChange = Instant.parse(latest.get(0));
            if (ownersLatestChange.isAfter(capturedAt)) {
                throw new CaptureSupersededException(aggregateId, capturedAt, ownersLatestChange);
            }
        }
    }
}
