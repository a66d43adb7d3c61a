package dev.regent.application.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

import java.security.Principal;

/**
 * An operator's request that one region relays to the region that does the work travels on the peer listener with
 * the operator's own bearer token: the working region checks that token itself (the relaying region vouches for
 * nothing) and records the operator by it.
 */
@Component
public class ForwardedTokens {

    private static final String BEARER = "Bearer ";

    private final JwtDecoder decoder;
    private final SecurityProperties security;

    ForwardedTokens(JwtDecoder decoder, SecurityProperties security) {
        this.decoder = decoder;
        this.security = security;
    }

    /**
     * @return the operator the forwarded token names
     * @throws BadCredentialsException when there is no valid token (401)
     * @throws AccessDeniedException   when it lacks {@code scope} (403)
     */
    public Principal require(String authorization, String scope) {
        if (security.insecure()) {
            return () -> "anonymous";
        }
        if (authorization == null || !authorization.startsWith(BEARER)) {
            throw new BadCredentialsException("The operator's bearer token was not forwarded");
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(authorization.substring(BEARER.length()).strip());
        } catch (JwtException e) {
            throw new BadCredentialsException("The forwarded bearer token was refused: " + e.getMessage());
        }
        Object granted = jwt.getClaims().get(security.jwt().authoritiesClaim());
        boolean hasScope = granted instanceof String text ? java.util.Arrays.asList(text.split(" ")).contains(scope)
                : granted instanceof java.util.Collection<?> list && list.contains(scope);
        if (!hasScope) {
            throw new AccessDeniedException("The forwarded token does not grant " + scope);
        }
        String name = jwt.getClaimAsString(security.jwt().principalClaim());
        return () -> name;
    }
}
