package dev.regent.application.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.application.web.NotFoundException;
import dev.regent.domain.ownership.Region;
import dev.regent.projections.requests.RoutedRequest;
import dev.regent.projections.requests.RoutedRequests;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

@RestController
class RequestController {

    /** {@code problem}: the owner's own problem body, when it refused the change. */
    record RequestResponse(String requestId, String status, String command, String aggregateId, String ownerRegion,
                           Long version, String reason, JsonNode problem, Instant createdAt, Instant updatedAt) {
    }

    private final RoutedRequests requests;
    private final Region localRegion;
    private final ObjectMapper json;

    RequestController(RoutedRequests requests, Region localRegion, ObjectMapper json) {
        this.requests = requests;
        this.localRegion = localRegion;
        this.json = json;
    }

    /** PENDING until the owner's change is visible here (APPLIED, with the version) or the owner refused (REJECTED). */
    @GetMapping("/requests/{requestId}")
    RequestResponse get(@PathVariable String requestId) {
        RoutedRequest request = requests.find(requestId)
                .orElseThrow(() -> new NotFoundException("Request", requestId, localRegion.name()));
        return new RequestResponse(request.requestId(), request.status().name(),
                request.commandName().substring(request.commandName().lastIndexOf('.') + 1), request.aggregateId(),
                request.ownerRegion(), request.version(), request.reason(), problem(request.problem()),
                request.createdAt(), request.updatedAt());
    }

    private JsonNode problem(String problem) {
        if (problem == null) {
            return null;
        }
        try {
            return json.readTree(problem);
        } catch (JsonProcessingException unreadable) {
            return json.getNodeFactory().textNode(problem);
        }
    }
}
