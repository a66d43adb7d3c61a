package dev.regent.domain.identity;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.regent.domain.identity.CustomerFixture.CUSTOMER_ID;
import static dev.regent.domain.identity.CustomerFixture.frenchCustomerRegistered;
import static dev.regent.domain.identity.CustomerFixture.registerFrenchCustomer;

class CustomerIdentityTest {

    private AggregateTestFixture<CustomerIdentity> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CustomerIdentity.class);
    }

    @Test
    void givenNothing_whenRegistered_thenCustomerRegisteredWithNormalisedDomicile() {
        fixture.givenNoPriorActivity()
               .when(registerFrenchCustomer())
               .expectSuccessfulHandlerExecution()
               .expectEvents(frenchCustomerRegistered());
    }

    @Test
    void givenRegistered_whenEmailChanged_thenFullContactIsRecordedAndVersionTwoAnswered() {
        fixture.given(frenchCustomerRegistered())
               .when(new ChangeCustomerContactCommand(CUSTOMER_ID, new EmailAddress("a.poulain@example.fr"), null))
               .expectEvents(new CustomerContactChangedEvent(CUSTOMER_ID, "a.poulain@example.fr", "+33 1 23 45 67 89"))
               .expectResultMessagePayload(2L);
    }

    @Test
    void givenRegistered_whenContactChangedToSameValues_thenNoEventAndVersionUnchanged() {
        fixture.given(frenchCustomerRegistered())
               .when(new ChangeCustomerContactCommand(CUSTOMER_ID, new EmailAddress("amelie@example.fr"),
                       new PhoneNumber("+33 1 23 45 67 89")))
               .expectNoEvents()
               .expectResultMessagePayload(1L);
    }

    @Test
    void givenTwoChanges_whenPhoneChanged_thenVersionCountsEveryEvent() {
        fixture.given(frenchCustomerRegistered(),
                       new CustomerContactChangedEvent(CUSTOMER_ID, "b@example.fr", "+33 1 23 45 67 89"))
               .when(new ChangeCustomerContactCommand(CUSTOMER_ID, null, new PhoneNumber("+33 6 00 00 00 00")))
               .expectEvents(new CustomerContactChangedEvent(CUSTOMER_ID, "b@example.fr", "+33 6 00 00 00 00"))
               .expectResultMessagePayload(3L);
    }
}
