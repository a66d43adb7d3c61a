package dev.regent.insurer.identity;

import dev.regent.domain.ownership.HomeOwnership;
import dev.regent.domain.shared.BusinessRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Who the customer is, how to reach them and what they consent to. Owned by the home region of the customer's
 * domicile. Claims processing is consented to at registration; the customer may withdraw it.
 */
@HomeOwnership(attribute = "domicile")
public class CustomerIdentity {

    @AggregateIdentifier
    private CustomerId customerId;
    private String email;
    private String phone;
    private String domicile;
    private String preferredLanguage;
    private final Set<ConsentPurpose> withdrawnConsents = EnumSet.noneOf(ConsentPurpose.class);
    private String suspensionReason;
    private final Set<String> answeredClaims = new HashSet<>();
    private boolean erased;

    protected CustomerIdentity() {
        // for Axon
    }

    @CommandHandler
    public CustomerIdentity(RegisterCustomerCommand command) {
        apply(new CustomerRegisteredEvent(command.customerId(), command.name().value(), command.email().value(),
                command.phone().value(), command.domicile().value(),
                LanguageCode.defaultFor(command.domicile().value()).value()));
    }

    /** @return the customer's version after the change: the number of events in its stream */
    @CommandHandler
    public long handle(ChangeCustomerContactCommand command) {
        refuseIfErased();
        String newEmail = command.email() == null ? email : command.email().value();
        String newPhone = command.phone() == null ? phone : command.phone().value();
        if (!newEmail.equals(email) || !newPhone.equals(phone)) {
            apply(new CustomerContactChangedEvent(customerId, newEmail, newPhone));
        }
        return AggregateLifecycle.getVersion() + 1;
    }

    /** @return the customer's version after the change; the same domicile again changes nothing */
    @CommandHandler
    public long handle(ChangeDomicileCommand command) {
        refuseIfErased();
        if (!command.domicile().value().equals(domicile)) {
            apply(new CustomerDomicileChangedEvent(customerId, command.domicile().value()));
        }
        return AggregateLifecycle.getVersion() + 1;
    }

    /** @return the customer's version after the change; the same language again changes nothing */
    @CommandHandler
    public long handle(ChangePreferredLanguageCommand command) {
        if (!command.preferredLanguage().value().equals(preferredLanguage)) {
            apply(new PreferredLanguageChangedEvent(customerId, command.preferredLanguage().value()));
        }
        return AggregateLifecycle.getVersion() + 1;
    }

    /** @return the customer's version after the change */
    @CommandHandler
    public long handle(ChangeConsentCommand command) {
        boolean granted = !withdrawnConsents.contains(command.purpose());
        if (command.granted() && !granted) {
            apply(new ConsentGrantedEvent(customerId, command.purpose()));
        } else if (!command.granted() && granted) {
            apply(new ConsentWithdrawnEvent(customerId, command.purpose()));
        }
        return AggregateLifecycle.getVersion() + 1;
    }

    @CommandHandler
    public void handle(SuspendCustomerCommand command) {
        if (suspensionReason == null) {
            apply(new CustomerSuspendedEvent(customerId, command.reason()));
        }
    }

    /** Erasing twice changes nothing. */
    @CommandHandler
    public void handle(ErasePersonalDataCommand command) {
        if (!erased) {
            apply(new PersonalDataErasedEvent(customerId));
        }
    }

    private void refuseIfErased() {
        if (erased) {
            throw new BusinessRuleViolation("Customer " + customerId + " asked to be forgotten: their personal data "
                    + "can no longer be changed");
        }
    }

    /** Answers once per claim, so that a retried request is never answered twice. */
    @CommandHandler
    public void handle(VerifyIdentityForClaimCommand command) {
        if (answeredClaims.contains(command.claimId())) {
            return;
        }
        if (suspensionReason != null) {
            apply(new IdentityVerificationFailedEvent(customerId, command.claimId(),
                    "customer suspended: " + suspensionReason));
        } else {
            apply(new IdentityVerifiedEvent(customerId, command.claimId(),
                    !withdrawnConsents.contains(ConsentPurpose.CLAIMS_PROCESSING)));
        }
    }

    @EventSourcingHandler
    void on(CustomerRegisteredEvent event) {
        customerId = event.customerId();
        email = event.email();
        phone = event.phone();
        domicile = event.domicile();
        preferredLanguage = event.preferredLanguage();
    }

    @EventSourcingHandler
    void on(PreferredLanguageChangedEvent event) {
        preferredLanguage = event.preferredLanguage();
    }

    @EventSourcingHandler
    void on(CustomerDomicileChangedEvent event) {
        domicile = event.domicile();
    }

    @EventSourcingHandler
    void on(CustomerContactChangedEvent event) {
        email = event.email();
        phone = event.phone();
    }

    @EventSourcingHandler
    void on(ConsentGrantedEvent event) {
        withdrawnConsents.remove(event.purpose());
    }

    @EventSourcingHandler
    void on(ConsentWithdrawnEvent event) {
        withdrawnConsents.add(event.purpose());
    }

    @EventSourcingHandler
    void on(CustomerSuspendedEvent event) {
        suspensionReason = event.reason();
    }

    @EventSourcingHandler
    void on(PersonalDataErasedEvent event) {
        erased = true;
    }

    @EventSourcingHandler
    void on(IdentityVerifiedEvent event) {
        answeredClaims.add(event.claimId());
    }

    @EventSourcingHandler
    void on(IdentityVerificationFailedEvent event) {
        answeredClaims.add(event.claimId());
    }
}
