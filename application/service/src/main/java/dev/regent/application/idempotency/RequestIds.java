package dev.regent.application.idempotency;

import dev.regent.infrastructure.failover.ProcessedCommands;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.Optional;
import java.util.UUID;

/**
 * Ids of what the current HTTP request creates and sends: random, or — for a request with an {@code Idempotency-Key}
 * — derived from the key, so that a retry sends the very same command (answered from the record wherever it was
 * handled) and names the very same new aggregate. Read from the request the {@link IdempotencyFilter} marked.
 */
@Component
public class RequestIds {

    /** The id for an aggregate the current request creates. */
    public String newAggregateId() {
        return current().map(KeyedRequest::nextAggregateId).orElseGet(() -> UUID.randomUUID().toString());
    }

    /** The command as a message to send: keyed requests' commands get a derived id and say they may come again. */
    public CommandMessage<?> commandMessage(Object command) {
        if (command instanceof CommandMessage<?> message) {
            return message;
        }
        return current().<CommandMessage<?>>map(keyed -> new GenericCommandMessage<>(
                        new GenericMessage<>(keyed.nextCommandId(), command, MetaData.with(ProcessedCommands.KEYED,
                                "true")), command.getClass().getName()))
                .orElseGet(() -> GenericCommandMessage.asCommandMessage(command));
    }

    private static Optional<KeyedRequest> current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request == null ? Optional.empty() : Optional.ofNullable(
                (KeyedRequest) request.getAttribute(KeyedRequest.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }
}
