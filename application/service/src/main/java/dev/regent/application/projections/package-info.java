/** Read models as operators see them: status, and rebuilds from the logs with their progress. */
package dev.regent.application.projections;
