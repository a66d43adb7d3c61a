package dev.regent.insurer.api.claims;

import dev.regent.application.RegionCommands;
import dev.regent.application.idempotency.RequestIds;
import dev.regent.application.web.Absence;
import dev.regent.application.web.CurrentOwners;
import dev.regent.application.web.KnownAggregates;
import dev.regent.insurer.claims.ClaimId;
import dev.regent.insurer.claims.FileClaimCommand;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.domain.ownership.Region;
import dev.regent.insurer.policy.PolicyId;
import dev.regent.domain.shared.InvalidValueException;
import dev.regent.domain.shared.MonetaryAmount;
import dev.regent.insurer.views.identity.CustomerProjection;
import dev.regent.insurer.views.claims.ClaimProjection;
import dev.regent.insurer.views.claims.ClaimView;
import dev.regent.insurer.views.policy.PolicyProjection;
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
    private final PolicyProjection policies;
    private final KnownAggregates known;
    private final Absence absence;
    private final CurrentOwners owners;
    private final RequestIds requestIds;

    ClaimController(RegionCommands commands, ClaimProjection claims, PolicyProjection policies, KnownAggregates known,
                    Absence absence, CurrentOwners owners, RequestIds requestIds) {
        this.absence = absence;
        this.owners = owners;
        this.requestIds = requestIds;
        this.commands = commands;
        this.claims = claims;
        this.policies = policies;
        this.known = known;
    }

    /**
     * Accepted, not done: the settlement runs asynchronously with the other owners; follow it with GET. Refused up
     * front (400) when this region does not know the policy or the customer, or knows that the customer does not hold
     * the policy; the policy's owner checks the holder again whatever this region knew.
     */
    @PostMapping
    ResponseEntity<ClaimFiled> file(@Valid @RequestBody FileClaimRequest request) {
        PolicyId policyId = new PolicyId(request.policyId());
        CustomerId customerId = new CustomerId(request.customerId());
        MonetaryAmount amount = MonetaryAmount.of("amount", request.amount());
        known.require("policyId", policyId.value(), "policy", PolicyProjection.AGGREGATE_TYPE);
        known.require("customerId", customerId.value(), "customer", CustomerProjection.AGGREGATE_TYPE);
        policies.find(policyId.value()).map(view -> view.state().customerId())
                .filter(holder -> !holder.equals(customerId.value()))
                .ifPresent(holder -> {
                    throw new InvalidValueException("customerId",
                            "customer " + customerId + " is not the holder of policy " + policyId);
                });
        ClaimId claimId = new ClaimId(requestIds.newAggregateId());
        Region owner = commands.create(new FileClaimCommand(claimId, policyId, customerId, amount,
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
