package dev.regent.infrastructure.transfer;

import dev.regent.domain.ownership.HomeChanged;
import dev.regent.domain.ownership.JurisdictionMap;
import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.ownership.UnknownJurisdictionException;
import dev.regent.infrastructure.residency.ResidencyExposure;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * At the owner, before it hands a readable stream over: a transfer moves personal data only as the residency policy
 * lets the new owner see it. A relocation (the data subject's home is now the new owner's jurisdiction, as the
 * stream itself says) moves her data with her; an operator's stated legal basis moves it too (recorded); anything
 * else that would carry personal or region-locked data the policy does not share is refused, naming it.
 */
public final class ReleaseResidencyCheck {

    private static final Pattern HOME_RULE = Pattern.compile("HOME\\((.+)\\)");
    private static final int NAMED_AT_MOST = 10;

    private final ResidencyExposure exposure;
    private final JurisdictionMap jurisdictions;
    private final Region localRegion;

    public ReleaseResidencyCheck(ResidencyExposure exposure, JurisdictionMap jurisdictions, Region localRegion) {
        this.exposure = exposure;
        this.jurisdictions = jurisdictions;
        this.localRegion = localRegion;
    }

    /** @throws TransferRefusedException when the stream may not move to {@code to} as asked */
    void allow(Ownership released, List<DomainEventMessage<?>> stream, Region to, ReleasedStream.Request request) {
        if (request.relocation()) {
            requireRelocationTo(released, stream, to);
            return;
        }
        if (request.legalBasis() != null && !request.legalBasis().isBlank()) {
            return;
        }
        List<ResidencyExposure.Exposed> exposed = exposure.of(stream, localRegion, to);
        if (!exposed.isEmpty()) {
            throw new TransferRefusedException("Moving " + released.aggregateId() + " to " + to + " would carry "
                    + exposed.size() + " value(s) the residency policy does not share with it: "
                    + exposed.stream().limit(NAMED_AT_MOST).map(Object::toString).collect(Collectors.joining(", "))
                    + (exposed.size() > NAMED_AT_MOST ? ", …" : "") + ". Its data subject's move (a change of its home "
                    + "attribute) relocates it with its data; otherwise an operator must state a legal basis "
                    + "(legalBasis), which is recorded", exposed);
        }
    }

    private void requireRelocationTo(Ownership released, List<DomainEventMessage<?>> stream, Region to) {
        Matcher home = HOME_RULE.matcher(released.rule());
        if (!home.matches()) {
            throw new TransferRefusedException(released.aggregateId() + " is owned by the rule " + released.rule()
                    + ", not by its home: it is not relocated");
        }
        Optional<String> latestHome = stream.stream().map(DomainEventMessage::getPayload)
                .filter(HomeChanged.class::isInstance).map(HomeChanged.class::cast).map(HomeChanged::home)
                .reduce((earlier, later) -> later);
        if (latestHome.isEmpty()) {
            throw new TransferRefusedException(released.aggregateId() + " has not changed its home: no relocation");
        }
        Region homeRegion;
        try {
            homeRegion = jurisdictions.regionFor(home.group(1), latestHome.get());
        } catch (UnknownJurisdictionException e) {
            throw new TransferRefusedException(e.getMessage());
        }
        if (!homeRegion.equals(to)) {
            throw new TransferRefusedException(released.aggregateId() + "'s home " + latestHome.get() + " is in "
                    + homeRegion + ", not " + to + ": it is not relocated there");
        }
    }
}
