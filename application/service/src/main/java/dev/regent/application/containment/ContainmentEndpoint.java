package dev.regent.application.containment;

import dev.regent.infrastructure.containment.Freeze;
import dev.regent.infrastructure.containment.Freezes;
import dev.regent.infrastructure.peer.Peers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;

/** Peers' side of freeze replication (peer listener only): what this region knows, and a freeze pushed to it. */
@RestController
class ContainmentEndpoint {

    private final Freezes freezes;
    private final Peers peers;

    ContainmentEndpoint(Freezes freezes, Peers peers) {
        this.freezes = freezes;
        this.peers = peers;
    }

    @GetMapping("/internal/containment/freezes")
    List<Freeze> known(Principal peer) {
        peers.of(peer);
        return freezes.all();
    }

    @PostMapping("/internal/containment/freezes")
    void learn(@RequestBody Freeze freeze, Principal peer) {
        peers.of(peer);
        freezes.learn(freeze);
    }
}
