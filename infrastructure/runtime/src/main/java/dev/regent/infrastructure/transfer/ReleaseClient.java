package dev.regent.infrastructure.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.peer.PeerClient;
import dev.regent.infrastructure.routing.OwnerUnavailableException;
import dev.regent.infrastructure.routing.RemoteCommandRejectedException;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Asks an owner region to release an aggregate to this region ({@code POST /internal/ownership/{id}/release}). */
public class ReleaseClient {

    private final PeerClient peers;
    private final ObjectMapper json;
    private final Duration timeout;

    public ReleaseClient(PeerClient peers, ObjectMapper json, Duration timeout) {
        this.peers = peers;
        this.json = json;
        this.timeout = timeout;
    }

    /**
     * @throws OwnerUnavailableException      when the owner does not answer in time
     * @throws RemoteCommandRejectedException when it refuses, with its problem
     */
    public ReleasedStream release(Region owner, String aggregateId, ReleasedStream.Request request) {
        try {
            HttpResponse<String> response = peers.post(owner, OwnershipReleaseEndpoint.PATH.replace("{aggregateId}",
                    aggregateId), json.writeValueAsString(request), timeout.multipliedBy(4), Map.of(),
                    // Safe to repeat: a release to the region it was already released to answers the same stream.
                    PeerClient.Repeat.SAFE);
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
