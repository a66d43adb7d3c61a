/**
 * Rebuilding a read model beside the live one (blue/green): the view's own projection replays the region's event
 * sources, as its processor reads them, into rows kept under a shadow name, optionally only up to an instant; the
 * shadow is compared with the live rows (what a swap would add, change, remove), then swapped in atomically or
 * discarded.
 */
package dev.regent.projections.shadow;
