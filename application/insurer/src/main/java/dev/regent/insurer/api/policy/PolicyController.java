package dev.regent.insurer.api.policy;

import dev.regent.application.RegionCommands;
import dev.regent.application.idempotency.RequestIds;
import dev.regent.application.web.Absence;
import dev.regent.application.web.CurrentOwners;
import dev.regent.application.web.KnownAggregates;
import dev.regent.application.web.RespondAsync;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.domain.ownership.Region;
import dev.regent.insurer.policy.ChangeCoverageLimitCommand;
import dev.regent.insurer.policy.IssuePolicyCommand;
import dev.regent.insurer.policy.PolicyId;
import dev.regent.insurer.policy.ProductCode;
import dev.regent.domain.shared.MonetaryAmount;
import dev.regent.insurer.views.identity.CustomerProjection;
import dev.regent.insurer.views.policy.PolicyProjection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;

@RestController
@RequestMapping("/policies")
class PolicyController {

    record IssuePolicyRequest(@NotBlank String customerId, @NotBlank String product,
                              @NotNull BigDecimal coverageLimit) {
    }

    record PolicyIssued(String policyId, String ownerRegion) {
    }

    record ChangeCoverageLimitRequest(@NotNull BigDecimal coverageLimit) {
    }

    record CoverageLimitChanged(String policyId, BigDecimal coverageLimit, long version) {
    }

    record PolicyResponse(String policyId, String ownerRegion, String customerId, String product,
                          BigDecimal coverageLimit, long version) {
    }

    private final RegionCommands commands;
    private final PolicyProjection policies;
    private final KnownAggregates known;
    private final Absence absence;
    private final CurrentOwners owners;
    private final RequestIds requestIds;

    PolicyController(RegionCommands commands, PolicyProjection policies, KnownAggregates known, Absence absence,
                     CurrentOwners owners, RequestIds requestIds) {
        this.absence = absence;
        this.owners = owners;
        this.requestIds = requestIds;
        this.commands = commands;
        this.policies = policies;
        this.known = known;
    }

    @PostMapping
    ResponseEntity<PolicyIssued> issue(@Valid @RequestBody IssuePolicyRequest request) {
        CustomerId customerId = new CustomerId(request.customerId());
        known.require("customerId", customerId.value(), "customer", CustomerProjection.AGGREGATE_TYPE);
        PolicyId policyId = new PolicyId(requestIds.newAggregateId());
        Region owner = commands.create(new IssuePolicyCommand(policyId, customerId, new ProductCode(request.product()),
                MonetaryAmount.of("coverageLimit", request.coverageLimit())));
        return ResponseEntity.created(URI.create("/policies/" + policyId))
                .body(new PolicyIssued(policyId.value(), owner.name()));
    }

    /** An endorsement, routed to the policy's owner like any change. */
    @PutMapping("/{policyId}/coverage-limit")
    ResponseEntity<?> changeCoverageLimit(@PathVariable String policyId,
                                          @Valid @RequestBody ChangeCoverageLimitRequest request,
                                          @RequestHeader(name = RespondAsync.HEADER, required = false) String prefer) {
        PolicyId id = new PolicyId(policyId);
        MonetaryAmount limit = MonetaryAmount.of("coverageLimit", request.coverageLimit());
        RegionCommands.Outcome<Long> outcome = commands.sendOrFollow(new ChangeCoverageLimitCommand(id, limit),
                RespondAsync.requested(prefer), () -> policies.find(id.value()).map(view -> view.version()).orElse(0L));
        return outcome.isPending() ? RespondAsync.pending(outcome.pendingRequestId())
                : ResponseEntity.ok(new CoverageLimitChanged(id.value(), limit.value(), outcome.result()));
    }

    @GetMapping("/{policyId}")
    PolicyResponse get(@PathVariable String policyId) {
        return policies.find(new PolicyId(policyId).value())
                .map(view -> new PolicyResponse(view.aggregateId(), owners.of(view), view.state().customerId(),
                        view.state().product(), view.state().coverageLimit(), view.version()))
                .orElseThrow(() -> absence.of("Policy", policyId, PolicyProjection.VIEW));
    }
}
