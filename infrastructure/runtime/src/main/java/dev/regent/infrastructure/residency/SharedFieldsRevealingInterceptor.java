package dev.regent.infrastructure.residency;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Opens personal values where an event reaches a handler without passing the mirrored stream: a letter handed again
 * from a read model's dead-letter queue, kept sealed there ({@link PersonalDataAtRest}), or parked when this region
 * could not yet read its revision. Axon gives processors' interceptors to their dead-letter processing too. An event
 * the stream already opened has nothing sealed left: it passes as it is.
 */
public class SharedFieldsRevealingInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private final PersonalDataAtRest atRest;

    public SharedFieldsRevealingInterceptor(PersonalDataAtRest atRest) {
        this.atRest = atRest;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        unitOfWork.transformMessage(atRest::opened);
        return chain.proceed();
    }
}
