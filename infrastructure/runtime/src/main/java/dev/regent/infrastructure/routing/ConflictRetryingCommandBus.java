package dev.regent.infrastructure.routing;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * The local segment, with a command that lost a race for its aggregate's next sequence tried again. Several instances
 * of a region may handle commands for one aggregate at once; the loser's unit of work rolled back entirely (events,
 * answers kept for routed commands, its cached aggregate), so handling it again, on the aggregate as the winner left
 * it, is what one instance would have done with the two commands in turn: no 409 one instance would not give.
 */
public final class ConflictRetryingCommandBus implements CommandBus {

    /** Races for one aggregate between a region's instances are short: a third loss is reported. */
    static final int ATTEMPTS = 3;

    private final CommandBus delegate;

    public ConflictRetryingCommandBus(CommandBus delegate) {
        this.delegate = delegate;
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, (message, result) -> { });
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        dispatch(command, callback, 1);
    }

    private <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback,
                                 int attempt) {
        delegate.dispatch(command, (CommandMessage<? extends C> message, CommandResultMessage<? extends R> result) -> {
            if (attempt < ATTEMPTS && result.isExceptional()
                    && result.exceptionResult() instanceof ConcurrencyException) {
                dispatch(command, callback, attempt + 1);
            } else {
                callback.onResult(message, result);
            }
        });
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return delegate.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
        return delegate.registerHandlerInterceptor(interceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }
}
