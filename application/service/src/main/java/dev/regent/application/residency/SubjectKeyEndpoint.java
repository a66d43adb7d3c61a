package dev.regent.application.residency;

import dev.regent.application.web.NotFoundException;
import dev.regent.application.web.Problems;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.peer.PeerRefusedException;
import dev.regent.infrastructure.peer.Peers;
import dev.regent.infrastructure.residency.ShareKeyGrants.Grant;
import dev.regent.infrastructure.residency.ShareKeyGrants.Outcome;
import dev.regent.infrastructure.residency.ShareKeyIssuer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.Base64;
import java.util.Map;

/**
 * The owner grants a peer the share key of one of its subjects (peer zone only: mutual TLS, the caller's region from
 * its certificate). {@code 200 {"key": …}}; {@code 410} erased; {@code 404} no key; {@code 403} the policy shares
 * nothing with the caller.
 */
@RestController
class SubjectKeyEndpoint {

    private final ShareKeyIssuer issuer;
    private final Peers peers;
    private final Region localRegion;

    SubjectKeyEndpoint(ShareKeyIssuer issuer, Peers peers, Region localRegion) {
        this.issuer = issuer;
        this.peers = peers;
        this.localRegion = localRegion;
    }

    @GetMapping("/internal/subject-keys/{subject}")
    ResponseEntity<?> grant(@PathVariable String subject, Principal peer) {
        Region destination = peers.of(peer);
        Grant grant = issuer.issue(subject, destination).orElseThrow(() -> new PeerRefusedException(
                "The residency policy shares nothing of " + localRegion + " with " + destination));
        if (grant.outcome() == Outcome.ERASED) {
            return ResponseEntity.of(Problems.of(HttpStatus.GONE, "Erased",
                    "Subject " + subject + " was erased in " + localRegion, localRegion)).build();
        }
        if (grant.outcome() == Outcome.UNKNOWN) {
            throw new NotFoundException("A key for subject", subject, localRegion.name());
        }
        return ResponseEntity.ok(Map.of("key",
                Base64.getEncoder().encodeToString(grant.key().orElseThrow().getEncoded())));
    }
}
