package dev.regent.application.identity;

import dev.regent.application.RegionCommands;
import dev.regent.application.web.NotFoundException;
import dev.regent.domain.identity.ChangeCustomerContactCommand;
import dev.regent.domain.identity.CountryCode;
import dev.regent.domain.identity.CustomerId;
import dev.regent.domain.identity.EmailAddress;
import dev.regent.domain.identity.PersonName;
import dev.regent.domain.identity.PhoneNumber;
import dev.regent.domain.identity.RegisterCustomerCommand;
import dev.regent.domain.ownership.Region;
import dev.regent.projections.identity.CustomerProjection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

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

    record CustomerResponse(String customerId, String ownerRegion, long version, String name, String email,
                            String phone, String domicile) {
    }

    private final RegionCommands commands;
    private final CustomerProjection customers;
    private final Region localRegion;

    CustomerController(RegionCommands commands, CustomerProjection customers, Region localRegion) {
        this.commands = commands;
        this.customers = customers;
        this.localRegion = localRegion;
    }

    @PostMapping
    ResponseEntity<CustomerCreated> register(@Valid @RequestBody RegisterCustomerRequest request) {
        CustomerId customerId = CustomerId.generate();
        Region owner = commands.create(new RegisterCustomerCommand(customerId, new PersonName(request.name()),
                new EmailAddress(request.email()), new PhoneNumber(request.phone()),
                new CountryCode(request.domicile())));
        return ResponseEntity.created(URI.create("/customers/" + customerId))
                .body(new CustomerCreated(customerId.value(), owner.name()));
    }

    @GetMapping("/{customerId}")
    CustomerResponse get(@PathVariable String customerId) {
        return customers.find(new CustomerId(customerId).value())
                .map(view -> new CustomerResponse(view.aggregateId(), view.owner().name(), view.version(),
                        view.state().name(), view.state().email(), view.state().phone(), view.state().domicile()))
                .orElseThrow(() -> new NotFoundException("Customer", customerId, localRegion.name()));
    }

    @PutMapping("/{customerId}/contact")
    ContactChanged changeContact(@PathVariable String customerId, @RequestBody ChangeContactRequest request) {
        CustomerId id = new CustomerId(customerId);
        long version = commands.send(new ChangeCustomerContactCommand(id,
                request.email() == null ? null : new EmailAddress(request.email()),
                request.phone() == null ? null : new PhoneNumber(request.phone())));
        return new ContactChanged(id.value(), version);
    }
}
