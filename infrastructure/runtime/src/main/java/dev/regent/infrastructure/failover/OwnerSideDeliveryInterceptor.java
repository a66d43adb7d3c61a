package dev.regent.infrastructure.failover;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

/**
 * At an owner, inside a command's transaction, for commands another region kept and now delivers: deliveries to one
 * aggregate take turns, and a captured change is adjudicated: refused when the owner changed the aggregate after the
 * capture. (Repeats of a delivery are answered before, by {@link RepeatAnsweringInterceptor}.)
 */
public class OwnerSideDeliveryInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcTemplate jdbc;
    private final RoutingStrategy routingStrategy = AnnotationRoutingStrategy.defaultStrategy();

    public OwnerSideDeliveryInterceptor(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Object captured = command.getMetaData().get(FailoverPolicies.CAPTURED_AT);
        boolean delivery = command.getMetaData().containsKey(FailoverPolicies.DELIVERY);
        if (!delivery && captured == null) {
            return chain.proceed();
        }
        String aggregateId = routingStrategy.getRoutingKey(command);
        if (delivery) {
            // Deliveries from several regions to one aggregate take turns: each adjudicates after the other's change
            // is committed, instead of both reading the same version and one failing on a concurrency conflict.
            jdbc.query("select 1 from regent_ownership where aggregate_id = ? for update", (rs, n) -> 1, aggregateId);
        }
        if (captured != null) {
            adjudicate(aggregateId, Instant.parse(captured.toString()));
        }
        return chain.proceed();
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
