package dev.regent.domain.identity;

import dev.regent.domain.ownership.HomeOwnership;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** Who the customer is and how to reach them. Owned by the home region of the customer's domicile. */
@HomeOwnership(attribute = "domicile")
public class CustomerIdentity {

    @AggregateIdentifier
    private CustomerId customerId;
    private String email;
    private String phone;

    protected CustomerIdentity() {
        // for Axon
    }

    @CommandHandler
    public CustomerIdentity(RegisterCustomerCommand command) {
        apply(new CustomerRegisteredEvent(command.customerId(), command.name().value(), command.email().value(),
                command.phone().value(), command.domicile().value()));
    }

    /** @return the customer's version after the change: the number of events in its stream */
    @CommandHandler
    public long handle(ChangeCustomerContactCommand command) {
        String newEmail = command.email() == null ? email : command.email().value();
        String newPhone = command.phone() == null ? phone : command.phone().value();
        if (!newEmail.equals(email) || !newPhone.equals(phone)) {
            apply(new CustomerContactChangedEvent(customerId, newEmail, newPhone));
        }
        return AggregateLifecycle.getVersion() + 1;
    }

    @EventSourcingHandler
    void on(CustomerRegisteredEvent event) {
        customerId = event.customerId();
        email = event.email();
        phone = event.phone();
    }

    @EventSourcingHandler
    void on(CustomerContactChangedEvent event) {
        email = event.email();
        phone = event.phone();
    }
}
