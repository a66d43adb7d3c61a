package dev.regent.infrastructure.residency;

import dev.regent.domain.ownership.Region;

import java.util.Optional;

/**
 * The owner's side of a grant: a destination the policy shares data with is given the subject's share key for
 * itself (never the subject's key, never another destination's). Asked over the peer channel, so the key never lies
 * in a log; an erased subject has no key left to give.
 */
public class ShareKeyIssuer {

    private final ResidencyPolicy policy;
    private final SubjectKeys keys;
    private final Region local;

    public ShareKeyIssuer(ResidencyPolicy policy, SubjectKeys keys, Region local) {
        this.policy = policy;
        this.keys = keys;
        this.local = local;
    }

    /** @return empty when the policy shares nothing with {@code destination}: it is granted nothing */
    public Optional<ShareKeyGrants.Grant> issue(String subject, Region destination) {
        if (!policy.sharesAnything(local, destination)) {
            return Optional.empty();
        }
        return Optional.of(keys.existingKeyFor(subject)
                .map(key -> ShareKeyGrants.Grant.granted(SubjectKeys.shareKey(key, destination.name())))
                .orElse(keys.shredded(subject) ? ShareKeyGrants.Grant.ERASED : ShareKeyGrants.Grant.UNKNOWN));
    }
}
