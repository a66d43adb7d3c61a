/**
 * Who may call what. People and programs present bearer tokens (OAuth2 resource server: JWT signed by the identity
 * provider's keys, issuer, audience and expiry checked) carrying Regent's scopes ({@link
 * dev.regent.application.security.Scopes}); regions call each other on the peer listener, authenticated by mutual TLS
 * ({@code infrastructure.peer}). No sessions, no cookies, so no CSRF; every refusal is a problem document.
 */
package dev.regent.application.security;
