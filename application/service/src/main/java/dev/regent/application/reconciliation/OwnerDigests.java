package dev.regent.application.reconciliation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.peer.PeerClient;
import dev.regent.projections.reconciliation.BucketDigest;
import dev.regent.projections.reconciliation.Digest;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Asks an owner region (its internal reconciliation endpoint) for digests, and to publish aggregates again. */
@Component
class OwnerDigests {

    /** Digests of a million aggregates take a while to compute. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final PeerClient peers;
    private final Region localRegion;
    private final ObjectMapper json;

    OwnerDigests(PeerClient peers, Region localRegion, ObjectMapper json) {
        this.peers = peers;
        this.localRegion = localRegion;
        this.json = json;
    }

    List<BucketDigest> buckets(Region owner, String view, int buckets) {
        return read(owner, call(owner, () -> peers.get(owner, "/internal/reconciliation/" + view + "/buckets?for="
                + localRegion.name() + "&buckets=" + buckets, TIMEOUT)), new TypeReference<>() { });
    }

    List<Digest> entries(Region owner, String view, int buckets, Collection<Integer> wanted) {
        return read(owner, call(owner, () -> peers.post(owner, "/internal/reconciliation/" + view + "/entries?for="
                + localRegion.name() + "&buckets=" + buckets, json.writeValueAsString(wanted), TIMEOUT, Map.of(),
                PeerClient.Repeat.SAFE)), // a read
                new TypeReference<>() { });
    }

    long resync(Region owner, Collection<String> aggregateIds) {
        Map<String, Number> answer = read(owner, call(owner, () -> peers.post(owner,
                "/internal/reconciliation/resync?for=" + localRegion.name(), json.writeValueAsString(aggregateIds),
                // Safe to repeat: the events are sent again, and read models apply each event once.
                TIMEOUT, Map.of(), PeerClient.Repeat.SAFE)), new TypeReference<>() { });
        return answer.getOrDefault("events", 0).longValue();
    }

    private interface Call {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    private static HttpResponse<String> call(Region owner, Call call) {
        try {
            return call.send();
        } catch (IOException e) {
            throw new UncheckedIOException("Region " + owner + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking region " + owner, e);
        }
    }

    private <T> T read(Region owner, HttpResponse<String> response, TypeReference<T> type) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Region " + owner + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable answer from region " + owner, e);
        }
    }
}
