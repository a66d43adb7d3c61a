/** Which region this service is, where the other regions answer, and the jurisdictions each region is home for. */
package dev.regent.infrastructure.region;
