package dev.regent.insurer.api.identity;

import dev.regent.application.RegionCommands;
import dev.regent.application.idempotency.RequestIds;
import dev.regent.application.web.Absence;
import dev.regent.application.web.CurrentOwners;
import dev.regent.application.web.NotFoundException;
import dev.regent.application.web.RespondAsync;
import dev.regent.insurer.identity.ChangeConsentCommand;
import dev.regent.insurer.identity.ChangeCustomerContactCommand;
import dev.regent.insurer.identity.ChangeDomicileCommand;
import dev.regent.insurer.identity.ConsentPurpose;
import dev.regent.insurer.identity.CountryCode;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.EmailAddress;
import dev.regent.insurer.identity.ErasePersonalDataCommand;
import dev.regent.insurer.identity.PersonName;
import dev.regent.insurer.identity.PhoneNumber;
import dev.regent.insurer.identity.RegisterCustomerCommand;
import dev.regent.insurer.identity.SuspendCustomerCommand;
import dev.regent.domain.ownership.JurisdictionMap;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.failover.DeferredCommands;
import dev.regent.insurer.views.identity.CustomerProjection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/customers")
class CustomerController {

    record RegisterCustomerRequest(@NotBlank String name, @NotBlank String email, @NotBlank String phone,
                                   @NotBlank String domicile) {
    }

    record CustomerCreated(String customerId, String ownerRegion) {
    }

    record ChangeContactRequest(String email, String phone) {
    }

    record ContactChanged(String customerId, long version) {
    }

    record ChangeConsentRequest(@NotNull Boolean granted) {
    }

    record ConsentChanged(String customerId, String purpose, boolean granted, long version) {
    }

    record SuspendRequest(@NotBlank String reason) {
    }

    record ChangeDomicileRequest(@NotBlank String domicile) {
    }

    /** {@code homeRegion}: the region the new domicile is home in; the customer is relocated there if it differs. */
    record DomicileChanged(String customerId, String domicile, long version, String homeRegion) {
    }


    /**
     * {@code provisional}: changes captured here while the owner did not answer, not adjudicated by it yet; the
     * fields above never include them.
     */
    record CustomerResponse(String customerId, String ownerRegion, long version, String name, String email,
                            String phone, String domicile, String preferredLanguage,
                            List<ProvisionalChange> provisional) {
    }

    record ProvisionalChange(String requestId, String command, Instant capturedAt) {
    }

    private final RegionCommands commands;
    private final CustomerProjection customers;
    private final Region localRegion;
    private final Absence absence;
    private final DeferredCommands deferred;
    private final CurrentOwners owners;
    private final JurisdictionMap jurisdictions;
    private final RequestIds requestIds;

    CustomerController(RegionCommands commands, CustomerProjection customers, Region localRegion, Absence absence,
                       DeferredCommands deferred, CurrentOwners owners, JurisdictionMap jurisdictions,
                       RequestIds requestIds) {
        this.absence = absence;
        this.owners = owners;
        this.jurisdictions = jurisdictions;
        this.requestIds = requestIds;
        this.deferred = deferred;
        this.commands = commands;
        this.customers = customers;
        this.localRegion = localRegion;
    }

    @PostMapping
    ResponseEntity<CustomerCreated> register(@Valid @RequestBody RegisterCustomerRequest request) {
        CustomerId customerId = new CustomerId(requestIds.newAggregateId());
        Region owner = commands.create(new RegisterCustomerCommand(customerId, new PersonName(request.name()),
                new EmailAddress(request.email()), new PhoneNumber(request.phone()),
                new CountryCode(request.domicile())));
        return ResponseEntity.created(URI.create("/customers/" + customerId))
                .body(new CustomerCreated(customerId.value(), owner.name()));
    }

    @GetMapping("/{customerId}")
    CustomerResponse get(@PathVariable String customerId) {
        return customers.find(new CustomerId(customerId).value())
                .map(view -> new CustomerResponse(view.aggregateId(), owners.of(view), view.version(),
                        view.state().name(), view.state().email(), view.state().phone(), view.state().domicile(),
                        view.state().preferredLanguage(), deferred.provisional(view.aggregateId()).stream().map(change -> new ProvisionalChange(
                                change.requestId(), change.simpleCommandName(), change.acceptedAt())).toList()))
                .orElseThrow(() -> absence.of("Customer", customerId, CustomerProjection.VIEW));
    }

    /** Consent lives with the customer's owner: routed there like any change. */
    @PutMapping("/{customerId}/consents/{purpose}")
    ResponseEntity<?> changeConsent(@PathVariable String customerId, @PathVariable String purpose,
                                    @Valid @RequestBody ChangeConsentRequest request,
                                    @RequestHeader(name = RespondAsync.HEADER, required = false) String prefer) {
        CustomerId id = new CustomerId(customerId);
        ConsentPurpose consentPurpose = ConsentPurpose.fromSlug(purpose);
        RegionCommands.Outcome<Long> outcome = commands.sendOrFollow(
                new ChangeConsentCommand(id, consentPurpose, request.granted()), RespondAsync.requested(prefer),
                () -> visibleVersion(id));
        return outcome.isPending() ? pending(outcome)
                : ResponseEntity.ok(new ConsentChanged(id.value(), consentPurpose.slug(), request.granted(),
                outcome.result()));
    }

    /**
     * The right to be forgotten, routed to the owner: the customer's key is destroyed there (crypto-shredding), every
     * region replaces their personal fields, and no replay or rebuild brings them back. History stays.
     */
    @DeleteMapping("/{customerId}/personal-data")
    ResponseEntity<Void> erase(@PathVariable String customerId) {
        commands.send(new ErasePersonalDataCommand(new CustomerId(customerId)));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{customerId}/suspension")
    ResponseEntity<Void> suspend(@PathVariable String customerId, @Valid @RequestBody SuspendRequest request) {
        commands.send(new SuspendCustomerCommand(new CustomerId(customerId), request.reason()));
        return ResponseEntity.noContent().build();
    }

    /**
     * Routed to the owner. 200 with the new version when the owner answers in time; otherwise (or with
     * {@code Prefer: respond-async}) 202 PENDING with a request to follow: this region shows the new contact only once
     * the owner's event has arrived.
     */
    @PutMapping("/{customerId}/contact")
    ResponseEntity<?> changeContact(@PathVariable String customerId, @RequestBody ChangeContactRequest request,
                                    @RequestHeader(name = RespondAsync.HEADER, required = false) String prefer) {
        CustomerId id = new CustomerId(customerId);
        RegionCommands.Outcome<Long> outcome = commands.sendOrFollow(new ChangeCustomerContactCommand(id,
                        request.email() == null ? null : new EmailAddress(request.email()),
                        request.phone() == null ? null : new PhoneNumber(request.phone())),
                RespondAsync.requested(prefer), () -> visibleVersion(id));
        return outcome.isPending() ? pending(outcome) : ResponseEntity.ok(new ContactChanged(id.value(),
                outcome.result()));
    }

    /**
     * The customer moved abroad: routed to her owner like any change. When the country's home is another region,
     * she is relocated there afterwards, with her personal data (a planned transfer, flagged as a relocation): follow
     * it at {@code GET /ownership/{id}}. A country no region is home for is a 400.
     */
    @PutMapping("/{customerId}/domicile")
    ResponseEntity<?> changeDomicile(@PathVariable String customerId, @Valid @RequestBody ChangeDomicileRequest request,
                                     @RequestHeader(name = RespondAsync.HEADER, required = false) String prefer) {
        CustomerId id = new CustomerId(customerId);
        CountryCode domicile = new CountryCode(request.domicile());
        Region home = jurisdictions.regionFor("domicile", domicile.value());
        RegionCommands.Outcome<Long> outcome = commands.sendOrFollow(new ChangeDomicileCommand(id, domicile),
                RespondAsync.requested(prefer), () -> visibleVersion(id));
        return outcome.isPending() ? pending(outcome) : ResponseEntity.ok(new DomicileChanged(id.value(),
                domicile.value(), outcome.result(), home.name()));
    }

    private long visibleVersion(CustomerId id) {
        return customers.find(id.value()).map(view -> view.version()).orElse(0L);
    }

    private static ResponseEntity<RespondAsync.RequestPending> pending(RegionCommands.Outcome<?> outcome) {
        return RespondAsync.pending(outcome.pendingRequestId());
    }
}
