package dev.regent.guide.parcel;

import dev.regent.application.RegionCommands;
import dev.regent.application.idempotency.RequestIds;
import dev.regent.application.web.CurrentOwners;
import dev.regent.domain.ownership.Region;
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
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/** A thin controller: commands go through {@link RegionCommands}, which routes each to its owner. */
@RestController
@RequestMapping("/parcels")
class ParcelController {

    record RegisterParcelRequest(@NotBlank String destination) {
    }

    record ParcelRegistered(String parcelId, String ownerRegion) {
    }

    record ParcelResponse(String parcelId, String ownerRegion, long version, String destination, boolean delivered) {
    }

    private final RegionCommands commands;
    private final ParcelProjection parcels;
    private final CurrentOwners owners;
    private final RequestIds requestIds;

    ParcelController(RegionCommands commands, ParcelProjection parcels, CurrentOwners owners, RequestIds requestIds) {
        this.commands = commands;
        this.parcels = parcels;
        this.owners = owners;
        this.requestIds = requestIds;
    }

    @PostMapping
    ResponseEntity<ParcelRegistered> register(@Valid @RequestBody RegisterParcelRequest request) {
        ParcelId id = new ParcelId(requestIds.newAggregateId());
        Region owner = commands.create(new RegisterParcelCommand(id, request.destination()));
        return ResponseEntity.created(URI.create("/parcels/" + id)).body(new ParcelRegistered(id.value(),
                owner.name()));
    }

    @PutMapping("/{parcelId}/delivery")
    long deliver(@PathVariable String parcelId) {
        return commands.send(new DeliverParcelCommand(new ParcelId(parcelId)));
    }

    @GetMapping("/{parcelId}")
    ParcelResponse get(@PathVariable String parcelId) {
        return parcels.find(new ParcelId(parcelId).value())
                .map(view -> new ParcelResponse(view.aggregateId(), owners.of(view), view.version(),
                        view.state().destination(), view.state().delivered()))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND, "No parcel " + parcelId + " here"));
    }
}
