/**
 * Controlled ownership transfer, fenced by the epoch. Planned (both regions up): the owner releases the aggregate
 * under the next epoch and hands over its stream; the new owner copies it and goes on from there. Forced (an operator
 * gives the owner up for lost): the new owner takes over from what was replicated to it, without asking the owner,
 * and only if nothing of the aggregate was withheld or protected on its way; the former owner, when it learns of the
 * transfer, is fenced and reports the writes it made past the takeover point, for adjudication.
 */
package dev.regent.infrastructure.transfer;
