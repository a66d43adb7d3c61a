package dev.regent.infrastructure.peer;

/** An internal request whose caller is not an authenticated peer, or that names another region than the caller. */
public class PeerRefusedException extends RuntimeException {

    public PeerRefusedException(String message) {
        super(message);
    }
}
