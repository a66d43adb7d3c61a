package dev.regent.lab;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.regent.application.security.Scopes;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local lab's identity provider: a signing key made at start, its public half handed to every region as their
 * JWK set, and tokens signed with it the way Keycloak, Entra ID or Okta would sign them (issuer, audience, expiry,
 * Regent's scopes). Nothing of it exists in production, where regions read the provider's keys from its JWK set URL.
 */
public final class LocalIdentityProvider {

    public static final String ISSUER = "https://regent.local/issuer";
    public static final String AUDIENCE = "regent";
    /** How long the printed tokens last: a working day. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    /** One ready token per kind of caller: subject, scopes, and the environment variable that carries it. */
    public record Role(String variable, String subject, List<String> scopes) {
    }

    public static final List<Role> ROLES = List.of(
            new Role("REGENT_TOKEN_WRITE", "local-clerk", List.of(Scopes.READ, Scopes.WRITE)),
            new Role("REGENT_TOKEN_READ", "local-reader", List.of(Scopes.READ)),
            new Role("REGENT_TOKEN_AUDIT", "local-auditor", List.of(Scopes.READ, Scopes.AUDIT)),
            new Role("REGENT_TOKEN_OPERATE", "local-operator", List.of(Scopes.READ, Scopes.OPERATE)));

    private final RSAKey key;

    private LocalIdentityProvider(RSAKey key) {
        this.key = key;
    }

    public static LocalIdentityProvider create() {
        try {
            return new LocalIdentityProvider(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
                    .algorithm(JWSAlgorithm.RS256).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot make the local token-signing key", e);
        }
    }

    /** The public keys, as the regions read them ({@code regent.security.jwt.jwk-set}). */
    public String publicJwkSet() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** A token for {@code subject} with {@code scopes}, valid for {@code lifetime}. */
    public String token(String subject, Duration lifetime, List<String> scopes) {
        return sign(new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(lifetime)))
                .jwtID(UUID.randomUUID().toString()).claim("scope", String.join(" ", scopes)).build());
    }

    /** Any claims at all, signed with this provider's key (tests: wrong issuer, audience, no expiry). */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a local token", e);
        }
    }

    /** One token per role, by environment variable name. */
    public Map<String, String> roleTokens() {
        Map<String, String> tokens = new LinkedHashMap<>();
        ROLES.forEach(role -> tokens.put(role.variable(), token(role.subject(), TOKEN_LIFETIME, role.scopes())));
        return tokens;
    }

    /** The regions' settings that make them trust this provider. */
    Map<String, String> regionProperties() {
        return Map.of("regent.security.jwt.issuer", ISSUER, "regent.security.jwt.audience", AUDIENCE,
                "regent.security.jwt.jwk-set", publicJwkSet());
    }
}
