package dev.regent.infrastructure.containment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.peer.PeerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Every region knows every freeze, over the peer listener rather than the event logs a freeze may be holding: a new
 * freeze or a thaw is pushed to every peer at once (best effort), and each region asks its peers for theirs
 * periodically, so a peer that was down learns them when it is back.
 */
public class FreezeReplication {

    public static final String PATH = "/internal/containment/freezes";
    private static final Logger log = LoggerFactory.getLogger(FreezeReplication.class);

    private final PeerClient peers;
    private final Collection<Region> others;
    private final Freezes freezes;
    private final ObjectMapper json;
    private final Duration timeout;

    public FreezeReplication(PeerClient peers, Collection<Region> others, Freezes freezes, ObjectMapper json,
                             Duration timeout) {
        this.peers = peers;
        this.others = List.copyOf(others);
        this.freezes = freezes;
        this.json = json;
        this.timeout = timeout;
    }

    /** Tells every peer now; one that does not answer learns it on its next pull. */
    public void push(Freeze freeze) {
        String body;
        try {
            body = json.writeValueAsString(freeze);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write freeze " + freeze.id(), e);
        }
        for (Region peer : others) {
            // Safe to repeat: a peer records a freeze by its id (an upsert).
            peers.postAsync(peer, PATH, body, timeout, PeerClient.Repeat.SAFE).whenComplete((answer, failure) -> {
                if (failure != null || answer.statusCode() / 100 != 2) {
                    log.info("Freeze {} not pushed to {} ({}); it will ask for it", freeze.id(), peer,
                            failure != null ? failure.toString() : "HTTP " + answer.statusCode());
                }
            });
        }
    }

    /** Learns every peer's freezes (and thaws); a peer that does not answer is asked again next time. */
    public void pull() {
        for (Region peer : others) {
            try {
                HttpResponse<String> answer = peers.get(peer, PATH, timeout);
                if (answer.statusCode() == 200) {
                    freezes.learnAll(json.readValue(answer.body(), new TypeReference<List<Freeze>>() { }));
                }
            } catch (IOException e) {
                log.debug("No freezes from {}: {}", peer, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
