package dev.regent.projections.deadletter;

import dev.regent.projections.replication.ViewStores;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.lifecycle.Phase;

/**
 * Gives every read model registered through {@link ViewStores} a dead-letter queue in the region's database, whose
 * writes join the processor's transaction (a parked event and the token that passed it commit together), and which
 * keeps each event sealed ({@link SealingDeadLetterQueue}). A rebuild clears it: replaying the log parks again whatever
 * still cannot be applied.
 */
public final class ReadModelDeadLetterQueues {

    private ReadModelDeadLetterQueues() {
    }

    public static ConfigurerModule forViewsIn(ViewStores stores, MeterRegistry meters) {
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                register(configurer.eventProcessing(), stores, meters);
                configurer.onInitialize(config -> config.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1,
                        () -> redeliverHeldEventsThroughTheirProcessors(config, stores)));
            }

            /** After Axon's Spring Boot module, which sets a provider of its own (dead letters off by default). */
            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }

    /**
     * An event held behind a gap is applied when the gap fills, inside the handling of the event that filled it. It
     * goes through its processor's dead-lettering invoker, like any event: if it fails, it is parked itself (and the
     * aggregate's later events wait behind it), instead of failing, and being parked as, the event that filled the gap.
     */
    private static void redeliverHeldEventsThroughTheirProcessors(Configuration config, ViewStores stores) {
        stores.definitions().forEach(view -> {
            AbstractEventProcessor processor = config.eventProcessingConfiguration()
                    .eventProcessor(view.name(), AbstractEventProcessor.class)
                    .orElseThrow(() -> new IllegalStateException("Read model " + view.name() + " has no processor"));
            stores.rows(view.name()).orElseThrow()
                    .redeliverHeldEventsTo(new InvokerDelivery(processor.eventHandlerInvoker()));
        });
    }

    /** Hands an event to a processor's handlers the way the processor itself would, for its whole segment. */
    private record InvokerDelivery(EventHandlerInvoker invoker) implements EventMessageHandler {

        @Override
        public Object handle(EventMessage<?> event) throws Exception {
            invoker.handle(event, Segment.ROOT_SEGMENT);
            return null;
        }
    }

    private static void register(EventProcessingConfigurer processing, ViewStores stores, MeterRegistry meters) {
        processing.registerDefaultDeadLetterPolicy(config -> new PoisonEventPolicy(meters));
        // Axon asks for each processing group's queue while it assigns handlers, after every view is registered.
        processing.registerDeadLetterQueueProvider(group -> {
            if (stores.definition(group).isEmpty()) {
                return null;
            }
            processing.registerDeadLetteringEventHandlerInvokerConfiguration(group, (config, invoker) -> invoker
                    // Remembers which aggregates have parked events: no query per event for the others.
                    .enableSequenceIdentifierCache()
                    .allowReset(true));
            return config -> new SealingDeadLetterQueue(JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                    .processingGroup(group)
                    .schema(DeadLetterTable.SCHEMA)
                    .connectionProvider(config.getComponent(ConnectionProvider.class))
                    .transactionManager(config.getComponent(TransactionManager.class))
                    .genericSerializer(config.serializer())
                    .eventSerializer(config.eventSerializer())
                    .build(), stores::eventsAtRest);
        });
    }
}
