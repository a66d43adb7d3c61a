package dev.regent.application.ownership;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.application.audit.OperatorActions;
import dev.regent.application.security.ForwardedTokens;
import dev.regent.application.security.Scopes;
import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.OwnershipRegistry;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.shared.InvalidValueException;
import dev.regent.infrastructure.ownership.OwnedAggregates;
import dev.regent.infrastructure.peer.PeerClient;
import dev.regent.infrastructure.peer.PeerRefusedException;
import dev.regent.infrastructure.peer.Peers;
import dev.regent.infrastructure.region.RegentProperties;
import dev.regent.infrastructure.routing.OwnerUnavailableException;
import dev.regent.infrastructure.transfer.BulkTransferOutcome;
import dev.regent.infrastructure.transfer.FencedWrite;
import dev.regent.infrastructure.transfer.FencedWrites;
import dev.regent.infrastructure.transfer.OwnershipTransfers;
import dev.regent.infrastructure.transfer.TransferOrder;
import dev.regent.infrastructure.transfer.TransferOutcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

@RestController
class OwnershipController {

    /** A bulk transfer of thousands of aggregates takes a while. */
    private static final Duration RELAY_TIMEOUT = Duration.ofMinutes(30);

    record OwnershipResponse(String aggregateId, String aggregateType, String ownerRegion, long epoch, String rule) {

        static OwnershipResponse of(Ownership ownership) {
            return new OwnershipResponse(ownership.aggregateId(), ownership.aggregateType(),
                    ownership.owner().name(), ownership.epoch(), ownership.rule());
        }
    }

    /**
     * {@code force}: the owner is given up for lost; take over from what was replicated, without asking it (an
     * operator's decision). {@code legalBasis}: why personal data the residency policy does not share with the new
     * owner may move there anyway (recorded with the transfer).
     */
    record TransferRequest(@NotBlank String toRegion, @NotBlank String reason, boolean force, String legalBasis) {

        TransferOrder order(Principal operator) {
            return new TransferOrder(reason, OperatorActions.nameOf(operator), force, legalBasis, false);
        }
    }

    /** Every aggregate {@code fromRegion} owns, of {@code aggregateType} or of every type. */
    record BulkTransferRequest(@NotBlank String fromRegion, @NotBlank String toRegion, String aggregateType,
                               @NotBlank String reason, boolean force, String legalBasis) {

        TransferOrder order(Principal operator) {
            return new TransferOrder(reason, OperatorActions.nameOf(operator), force, legalBasis, false);
        }
    }

    private final OwnershipRegistry registry;
    private final OwnershipTransfers transfers;
    private final FencedWrites fencedWrites;
    private final RegentProperties properties;
    private final List<String> aggregateTypes;
    private final Region localRegion;
    private final ObjectMapper json;
    private final PeerClient peerClient;
    private final Peers peers;
    private final ForwardedTokens forwardedTokens;
    private final OperatorActions operatorActions;

    OwnershipController(OwnershipRegistry registry, OwnershipTransfers transfers, FencedWrites fencedWrites,
                        RegentProperties properties, OwnedAggregates aggregates, Region localRegion, ObjectMapper json,
                        PeerClient peerClient, Peers peers, ForwardedTokens forwardedTokens,
                        OperatorActions operatorActions) {
        this.aggregateTypes = aggregates.types().stream().map(Class::getSimpleName).sorted().toList();
        this.registry = registry;
        this.transfers = transfers;
        this.fencedWrites = fencedWrites;
        this.properties = properties;
        this.localRegion = localRegion;
        this.json = json;
        this.peerClient = peerClient;
        this.peers = peers;
        this.forwardedTokens = forwardedTokens;
        this.operatorActions = operatorActions;
    }

    /** 404 (problem) when no region is known to own the id, via {@code UnresolvableOwnershipException}. */
    @GetMapping("/ownership/{aggregateId}")
    OwnershipResponse get(@PathVariable String aggregateId) {
        return OwnershipResponse.of(registry.resolve(aggregateId));
    }

    /**
     * Moves ownership to {@code toRegion}, which does the work (asked on any region, the request goes there, with the
     * operator's token). 200 with what was done; 409 when it cannot be done as asked; 503 when the owner does not
     * answer a planned transfer.
     */
    @PostMapping("/ownership/{aggregateId}/transfer")
    ResponseEntity<?> transfer(@PathVariable String aggregateId, @Valid @RequestBody TransferRequest request,
                               @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                               Principal operator) {
        Region target = region("toRegion", request.toRegion());
        if (target.equals(localRegion)) {
            return ResponseEntity.ok(transferHere(aggregateId, request, operator));
        }
        return relay(operator, action(request.force()), aggregateId, request.reason(), target,
                "/internal/ownership/" + aggregateId + "/transfer", request, authorization);
    }

    /** The relayed request, at the new owner: the operator's token is checked here again. */
    @PostMapping("/internal/ownership/{aggregateId}/transfer")
    TransferOutcome transferRelayed(@PathVariable String aggregateId, @Valid @RequestBody TransferRequest request,
                                    @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                    String authorization, Principal peer) {
        relayedHere(peer, request.toRegion());
        return transferHere(aggregateId, request, forwardedTokens.require(authorization, Scopes.OPERATE));
    }

    private TransferOutcome transferHere(String aggregateId, TransferRequest request, Principal operator) {
        return operatorActions.run(operator, action(request.force()), aggregateId, request.reason(),
                () -> transfers.transferHere(aggregateId, request.order(operator)),
                done -> "moved from " + done.fromRegion() + " to " + done.toRegion() + " under epoch " + done.epoch());
    }

    /**
     * Moves every aggregate {@code fromRegion} owns (of one type, or all) to {@code toRegion}, one by one: 200 with
     * each transferred or refused (with its reason).
     */
    @PostMapping("/ownership/transfers")
    ResponseEntity<?> transferAll(@Valid @RequestBody BulkTransferRequest request,
                                  @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                  String authorization, Principal operator) {
        Region target = region("toRegion", request.toRegion());
        region("fromRegion", request.fromRegion());
        if (request.aggregateType() != null && !aggregateTypes.contains(request.aggregateType())) {
            throw new InvalidValueException("aggregateType", "'" + request.aggregateType()
                    + "' is not an aggregate type (" + String.join(", ", aggregateTypes) + ")");
        }
        if (target.equals(localRegion)) {
            return ResponseEntity.ok(transferAllHere(request, operator));
        }
        return relay(operator, "bulk-" + action(request.force()), request.fromRegion(), request.reason(), target,
                "/internal/ownership/transfers", request, authorization);
    }

    @PostMapping("/internal/ownership/transfers")
    BulkTransferOutcome transferAllRelayed(@Valid @RequestBody BulkTransferRequest request,
                                           @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                           String authorization, Principal peer) {
        relayedHere(peer, request.toRegion());
        return transferAllHere(request, forwardedTokens.require(authorization, Scopes.OPERATE));
    }

    private BulkTransferOutcome transferAllHere(BulkTransferRequest request, Principal operator) {
        Region source = properties.knownRegion(request.fromRegion());
        String what = request.fromRegion() + (request.aggregateType() == null ? "" : " " + request.aggregateType());
        return operatorActions.run(operator, "bulk-" + action(request.force()), what, request.reason(),
                () -> transfers.transferAllHere(source, request.aggregateType(), request.order(operator)),
                done -> done.transferred().size() + " of " + done.requested() + " moved, " + done.refused().size()
                        + " refused");
    }

    /** A relayed transfer comes from a peer, and is for this region to do. */
    private void relayedHere(Principal peer, String toRegion) {
        Region from = peers.of(peer);
        if (!localRegion.equals(properties.knownRegion(toRegion))) {
            throw new PeerRefusedException("Region " + from + " relayed a transfer to " + toRegion + " here");
        }
    }

    private Region region(String field, String name) {
        try {
            return properties.knownRegion(name);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidValueException(field, "'" + name + "' is not a region (regions: "
                    + properties.allRegions() + ")");
        }
    }

    private static String action(boolean force) {
        return force ? "forced-transfer" : "transfer";
    }

    /** The new owner does the work: the request goes there with the operator's token, its answer comes back. */
    private ResponseEntity<JsonNode> relay(Principal operator, String action, String target, String reason,
                                           Region region, String path, Object request, String authorization) {
        HttpResponse<String> answer;
        try {
            answer = peerClient.post(region, path, json.writeValueAsString(request), RELAY_TIMEOUT,
                    authorization == null ? Map.of() : Map.of(HttpHeaders.AUTHORIZATION, authorization),
                    // Not repeated: a transfer done once answers "already owned" the second time.
                    PeerClient.Repeat.UNSAFE);
        } catch (IOException e) {
            operatorActions.record(operator, action, target, reason, "region " + region + " did not answer");
            throw new OwnerUnavailableException(region, action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OwnerUnavailableException(region, action, e);
        }
        operatorActions.record(operator, action, target, reason, "relayed to " + region + ": "
                + answer.statusCode());
        try {
            return ResponseEntity.status(answer.statusCode())
                    .header("Content-Type", answer.headers().firstValue("Content-Type").orElse("application/json"))
                    .body(json.readTree(answer.body()));
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable answer from region " + region, e);
        }
    }

    /** The writes this region made to the aggregate after another region had taken it over: reported, not merged. */
    @GetMapping("/ownership/{aggregateId}/fenced-writes")
    List<FencedWrite> fencedWrites(@PathVariable String aggregateId) {
        return fencedWrites.of(aggregateId);
    }
}
