package dev.regent.application.residency;

import dev.regent.infrastructure.residency.EgressAudit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
class EgressController {

    private final EgressAudit audit;

    EgressController(EgressAudit audit) {
        this.audit = audit;
    }

    /** One entry per destination, event type and decision (e.g. {@code email=ENCRYPT,name=ENCRYPT,phone=ENCRYPT}). */
    @GetMapping("/residency/egress")
    List<EgressAudit.Entry> egress() {
        return audit.entries();
    }
}
