package dev.regent.infrastructure.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.region.RegentProperties;
import dev.regent.infrastructure.routing.OwnerUnavailableException;
import dev.regent.infrastructure.routing.RemoteCommandRejectedException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks an owner region to release an aggregate to this region ({@code POST /internal/ownership/{id}/release}). */
public class ReleaseClient {

    private final RegentProperties properties;
    private final ObjectMapper json;
    private final Duration timeout;
    private final HttpClient http;

    public ReleaseClient(RegentProperties properties, ObjectMapper json, Duration timeout) {
        this.properties = properties;
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /**
     * @throws OwnerUnavailableException      when the owner does not answer in time
     * @throws RemoteCommandRejectedException when it refuses, with its problem
     */
    public ReleasedStream release(Region owner, String aggregateId, ReleasedStream.Request request) {
        URI uri = properties.urlOf(owner).resolve(OwnershipReleaseEndpoint.PATH.replace("{aggregateId}",
                aggregateId));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout.multipliedBy(4))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, application/problem+json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new RemoteCommandRejectedException(owner, response.statusCode(), response.body());
            }
            return json.readValue(response.body(), ReleasedStream.class);
        } catch (IOException unanswered) {
            throw new OwnerUnavailableException(owner, "ReleaseOwnership", unanswered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OwnerUnavailableException(owner, "ReleaseOwnership", e);
        }
    }
}
