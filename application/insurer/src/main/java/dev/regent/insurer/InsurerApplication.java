package dev.regent.insurer;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The insurer's region service, built on Regent's starter as a domain team would build theirs: its aggregates
 * (customer identity, policy, claim), read models, claim-settlement saga and controllers, its jurisdictions and
 * residency policy ({@code application.yml}). Everything else — routing, fencing, egress, mirroring, audit, transfer,
 * security — comes with the starter.
 */
@SpringBootApplication
public class InsurerApplication {
}
