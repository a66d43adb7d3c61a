package dev.regent.application.ownership;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.OwnershipRegistry;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.shared.InvalidValueException;
import dev.regent.infrastructure.ownership.OwnedAggregates;
import dev.regent.infrastructure.region.RegentProperties;
import dev.regent.infrastructure.transfer.FencedWrite;
import dev.regent.infrastructure.transfer.FencedWrites;
import dev.regent.infrastructure.transfer.OwnershipTransfers;
import dev.regent.infrastructure.transfer.TransferOutcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

@RestController
class OwnershipController {

    record OwnershipResponse(String aggregateId, String aggregateType, String ownerRegion, long epoch, String rule) {

        static OwnershipResponse of(Ownership ownership) {
            return new OwnershipResponse(ownership.aggregateId(), ownership.aggregateType(),
                    ownership.owner().name(), ownership.epoch(), ownership.rule());
        }
    }

    /**
     * {@code force}: the owner is given up for lost; take over from what was replicated, without asking it (an
     * operator's decision).
     */
    record TransferRequest(@NotBlank String toRegion, @NotBlank String reason, boolean force) {
    }

    /** Every aggregate {@code fromRegion} owns, of {@code aggregateType} or of every type. */
    record BulkTransferRequest(@NotBlank String fromRegion, @NotBlank String toRegion, String aggregateType,
                               @NotBlank String reason, boolean force) {
    }

    private final OwnershipRegistry registry;
    private final OwnershipTransfers transfers;
    private final FencedWrites fencedWrites;
    private final RegentProperties properties;
    private final List<String> aggregateTypes;
    private final Region localRegion;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    OwnershipController(OwnershipRegistry registry, OwnershipTransfers transfers, FencedWrites fencedWrites,
                        RegentProperties properties, OwnedAggregates aggregates, Region localRegion,
                        ObjectMapper json) {
        this.aggregateTypes = aggregates.types().stream().map(Class::getSimpleName).sorted().toList();
        this.registry = registry;
        this.transfers = transfers;
        this.fencedWrites = fencedWrites;
        this.properties = properties;
        this.localRegion = localRegion;
        this.json = json;
    }

    /** 404 (problem) when no region is known to own the id, via {@code UnresolvableOwnershipException}. */
    @GetMapping("/ownership/{aggregateId}")
    OwnershipResponse get(@PathVariable String aggregateId) {
        return OwnershipResponse.of(registry.resolve(aggregateId));
    }

    /**
     * Moves ownership to {@code toRegion}, which does the work (asked on any region, the request goes there). 200 with
     * what was done; 409 when it cannot be done as asked; 503 when the owner does not answer a planned transfer.
     */
    @PostMapping("/ownership/{aggregateId}/transfer")
    ResponseEntity<?> transfer(@PathVariable String aggregateId, @Valid @RequestBody TransferRequest request)
            throws IOException, InterruptedException {
        Region target = region("toRegion", request.toRegion());
        if (target.equals(localRegion)) {
            TransferOutcome outcome = transfers.transferHere(aggregateId, request.reason(), request.force());
            return ResponseEntity.ok(outcome);
        }
        return relay(target, "/ownership/" + aggregateId + "/transfer", request);
    }

    /**
     * Moves every aggregate {@code fromRegion} owns (of one type, or all) to {@code toRegion}, one by one: 200 with
     * each transferred or refused (with its reason).
     */
    @PostMapping("/ownership/transfers")
    ResponseEntity<?> transferAll(@Valid @RequestBody BulkTransferRequest request)
            throws IOException, InterruptedException {
        Region target = region("toRegion", request.toRegion());
        Region source = region("fromRegion", request.fromRegion());
        if (request.aggregateType() != null && !aggregateTypes.contains(request.aggregateType())) {
            throw new InvalidValueException("aggregateType", "'" + request.aggregateType()
                    + "' is not an aggregate type (" + String.join(", ", aggregateTypes) + ")");
        }
        if (target.equals(localRegion)) {
            return ResponseEntity.ok(transfers.transferAllHere(source, request.aggregateType(), request.reason(),
                    request.force()));
        }
        return relay(target, "/ownership/transfers", request);
    }

    private Region region(String field, String name) {
        try {
            return properties.knownRegion(name);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidValueException(field, "'" + name + "' is not a region (regions: "
                    + properties.allRegions() + ")");
        }
    }

    /** The new owner does the work: the request goes there, and its answer comes back unchanged. */
    private ResponseEntity<JsonNode> relay(Region target, String path, Object request)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(properties.urlOf(target).resolve(path))
                        .timeout(Duration.ofMinutes(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request))).build(),
                HttpResponse.BodyHandlers.ofString());
        return ResponseEntity.status(answer.statusCode())
                .header("Content-Type", answer.headers().firstValue("Content-Type").orElse("application/json"))
                .body(json.readValue(answer.body(), JsonNode.class));
    }

    /** The writes this region made to the aggregate after another region had taken it over: reported, not merged. */
    @GetMapping("/ownership/{aggregateId}/fenced-writes")
    List<FencedWrite> fencedWrites(@PathVariable String aggregateId) {
        return fencedWrites.of(aggregateId);
    }
}
