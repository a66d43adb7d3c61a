package dev.regent.infrastructure.routing;

import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ConflictRetryingCommandBusTest {

    private final SimpleCommandBus local = SimpleCommandBus.builder().build();
    private final ConflictRetryingCommandBus bus = new ConflictRetryingCommandBus(local);
    private final AtomicInteger handled = new AtomicInteger();

    @Test
    void aCommandThatLostARaceForItsAggregate_isHandledAgain_andItsCallerSeesOnlyTheSuccess() {
        bus.subscribe(String.class.getName(), command -> {
            if (handled.incrementAndGet() < ConflictRetryingCommandBus.ATTEMPTS) {
                throw new ConcurrencyException("another instance appended sequence 4 first");
            }
            return "applied";
        });

        CommandResultMessage<?> result = dispatch("change");

        assertThat(result.isExceptional()).isFalse();
        assertThat(result.getPayload()).isEqualTo("applied");
        assertThat(handled).hasValue(ConflictRetryingCommandBus.ATTEMPTS);
    }

    @Test
    void aCommandLosingEveryAttempt_orFailingOtherwise_isReportedAsIs() {
        bus.subscribe(String.class.getName(), command -> {
            handled.incrementAndGet();
            throw "conflict".equals(command.getPayload()) ? new ConcurrencyException("again")
                    : new IllegalArgumentException("refused");
        });

        CommandResultMessage<?> conflict = dispatch("conflict");
        int conflictAttempts = handled.getAndSet(0);
        CommandResultMessage<?> refused = dispatch("refused");

        assertThat(conflict.exceptionResult()).isInstanceOf(ConcurrencyException.class);
        assertThat(conflictAttempts).isEqualTo(ConflictRetryingCommandBus.ATTEMPTS);
        assertThat(refused.exceptionResult()).isInstanceOf(IllegalArgumentException.class);
        assertThat(handled).as("not a conflict: handled once").hasValue(1);
    }

    private CommandResultMessage<?> dispatch(String payload) {
        AtomicReference<CommandResultMessage<?>> answer = new AtomicReference<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage(payload), (message, result) -> answer.set(result));
        return answer.get();
    }
}
