/** Following a change routed to another region's owner: {@code GET /requests/{id}}. */
package dev.regent.application.requests;
