package dev.regent.infrastructure.transfer;

/** A transfer that cannot be done as asked; the message says why and what would make it possible. */
public class TransferRefusedException extends RuntimeException {

    public TransferRefusedException(String message) {
        super(message);
    }
}
