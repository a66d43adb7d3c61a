/**
 * Rebuilding a read model from the logs, online: the projection's processor is stopped, its token reset (its reset
 * handler clears the view) and started again; it replays the local event store and the mirrored topics from the
 * beginning while the API keeps answering, with a visible status and progress.
 */
package dev.regent.projections.rebuild;
