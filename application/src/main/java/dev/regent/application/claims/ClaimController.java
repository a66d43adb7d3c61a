package dev.regent.application.claims;

import dev.regent.application.RegionCommands;
import dev.regent.application.idempotency.RequestIds;
import dev.regent.application.web.Absence;
import dev.regent.application.web.CurrentOwners;
import dev.regent.application.web.NotFoundException;
import dev.regent.domain.claims.ClaimId;
import dev.regent.domain.claims.FileClaimCommand;
import dev.regent.domain.identity.CustomerId;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.policy.PolicyId;
import dev.regent.domain.shared.MonetaryAmount;
import dev.regent.projections.claims.ClaimProjection;
import dev.regent.projections.claims.ClaimView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

@RestController
@RequestMapping("/claims")
class ClaimController {

    record FileClaimRequest(@NotBlank String policyId, @NotBlank String customerId, @NotNull BigDecimal amount,
                            @NotBlank String description) {
    }

    record ClaimFiled(String claimId, String ownerRegion, String status) {
    }

    record ClaimResponse(String claimId, String ownerRegion, String status, String reason, String detail,
                         String policyId, String customerId, BigDecimal amount, String description, long version,
                         List<ClaimView.Step> steps) {
    }

    private final RegionCommands commands;
    private final ClaimProjection claims;
    private final Region localRegion;
    private final Absence absence;
    private final CurrentOwners owners;
    private final RequestIds requestIds;

    ClaimController(RegionCommands commands, ClaimProjection claims, Region localRegion, Absence absence,
                    CurrentOwners owners, RequestIds requestIds) {
        this.absence = absence;
        this.owners = owners;
        this.requestIds = requestIds;
        this.commands = commands;
        this.claims = claims;
        this.localRegion = localRegion;
    }

    /** Accepted, not done: the settlement runs asynchronously with the other owners; follow it with GET. */
    @PostMapping
    ResponseEntity<ClaimFiled> file(@Valid @RequestBody FileClaimRequest request) {
        ClaimId claimId = new ClaimId(requestIds.newAggregateId());
        Region owner = commands.create(new FileClaimCommand(claimId, new PolicyId(request.policyId()),
                new CustomerId(request.customerId()), MonetaryAmount.of("amount", request.amount()),
                request.description()));
        return ResponseEntity.accepted().location(URI.create("/claims/" + claimId))
                .body(new ClaimFiled(claimId.value(), owner.name(), "OPEN"));
    }

    @GetMapping("/{claimId}")
    ClaimResponse get(@PathVariable String claimId) {
        return claims.find(new ClaimId(claimId).value())
                .map(view -> new ClaimResponse(view.aggregateId(), owners.of(view), view.state().status().name(),
                        view.state().reason(), view.state().detail(), view.state().policyId(),
                        view.state().customerId(), view.state().amount(), view.state().description(), view.version(),
                        view.state().steps()))
                .orElseThrow(() -> absence.of("Claim", claimId, ClaimProjection.VIEW));
    }
}
