package dev.regent.infrastructure.transfer;

import dev.regent.infrastructure.residency.ResidencyExposure;

import java.util.List;

/** A transfer that cannot be done as asked; the message says why and what would make it possible. */
public class TransferRefusedException extends RuntimeException {

    private final List<ResidencyExposure.Exposed> exposed;

    public TransferRefusedException(String message) {
        this(message, List.of());
    }

    /** @param exposed what the transfer would carry that the residency policy does not let the target see */
    public TransferRefusedException(String message, List<ResidencyExposure.Exposed> exposed) {
        super(message);
        this.exposed = List.copyOf(exposed);
    }

    public List<ResidencyExposure.Exposed> exposed() {
        return exposed;
    }
}
