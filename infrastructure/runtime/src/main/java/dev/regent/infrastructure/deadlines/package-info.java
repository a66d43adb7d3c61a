/** Deadlines that survive a restart: Axon's DbSchedulerDeadlineManager on db-scheduler, in the region's database. */
package dev.regent.infrastructure.deadlines;
