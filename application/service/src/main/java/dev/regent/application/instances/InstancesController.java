package dev.regent.application.instances;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.instances.RegionInstances;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /region/instances}: the live instances of this region's service and the leases each holds. */
@RestController
class InstancesController {

    private final RegionInstances instances;
    private final Region localRegion;

    InstancesController(RegionInstances instances, Region localRegion) {
        this.instances = instances;
        this.localRegion = localRegion;
    }

    @GetMapping("/region/instances")
    InstancesView instances() {
        return new InstancesView(localRegion.name(), instances.me().value(),
                instances.live().stream().map(InstancesView.Instance::of).toList());
    }
}
