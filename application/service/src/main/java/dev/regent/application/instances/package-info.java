/** The instances of this region's service, as operators see them: who is live, and which leases each holds. */
package dev.regent.application.instances;
