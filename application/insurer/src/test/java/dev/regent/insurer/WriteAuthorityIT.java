package dev.regent.insurer;

import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.ThreeRegions;
import dev.regent.insurer.identity.ChangeCustomerContactCommand;
import dev.regent.insurer.identity.CustomerContactChangedEvent;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.PhoneNumber;
import dev.regent.domain.ownership.NotOwnerException;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.regent.insurer.ThreeRegionsEndToEndIT.eventsIn;
import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Write authority holds even for callers that bypass routing: the handling region's interceptor and its event store
 * each refuse writes for an aggregate owned elsewhere.
 */
class WriteAuthorityIT {

    private final RegentClient api = ThreeRegions.client();

    @Test
    void givenAnEuOwnedCustomer_whenUsAppendsAnEventForItDirectlyToItsStore_thenTheStoreRefuses() {
        String id = euCustomerKnownInUs();
        EventStore usEventStore = ThreeRegions.region(US).bean(EventStore.class);
        TransactionManager usTransactions = ThreeRegions.region(US).bean(TransactionManager.class);

        assertThatThrownBy(() -> usTransactions.executeInTransaction(() -> usEventStore.publish(
                new GenericDomainEventMessage<>("CustomerIdentity", id, 1, new CustomerContactChangedEvent(
                        new CustomerId(id), "x@example.com", "+1 555 0100")))))
                .isInstanceOf(NotOwnerException.class)
                .hasMessageContaining("Region us refuses to write aggregate " + id)
                .hasMessageContaining("it is owned by eu (epoch 1)");

        assertThat(eventsIn(US, id)).isZero();
        assertThat(eventsIn(EU, id)).isEqualTo(1);
    }

    @Test
    void givenAnEuOwnedCustomer_whenACommandIsHandedToUsLocalSegmentBypassingTheRouter_thenItIsRefused()
            throws Exception {
        String id = euCustomerKnownInUs();
        CommandBus usLocalSegment = ThreeRegions.region(US).bean(SimpleCommandBus.class);
        FutureCallback<Object, Object> result = new FutureCallback<>();

        usLocalSegment.dispatch(GenericCommandMessage.asCommandMessage(new ChangeCustomerContactCommand(
                new CustomerId(id), null, new PhoneNumber("+1 555 0199"))), result);

        CommandResultMessage<?> answer = result.get();
        assertThat(answer.isExceptional()).isTrue();
        assertThat(answer.exceptionResult()).isInstanceOf(NotOwnerException.class)
                .hasMessageContaining("it is owned by eu (epoch 1)");
        assertThat(eventsIn(US, id)).isZero();
    }

    private String euCustomerKnownInUs() {
        String id = api.post(EU, "/customers", customer("Hans Müller", "DE")).text("customerId");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(US, "/ownership/" + id).status() == 200);
        return id;
    }
}
