/**
 * Idempotent retries: a POST, PUT or DELETE with an {@code Idempotency-Key} is answered once and, when retried by the
 * same caller with the same request within the retention, answered again from this region's database without doing
 * anything. The command such a request sends, and the aggregate it creates, get ids derived from the key, so that a
 * retry whose first answer was lost (the owner applied it after this region gave up waiting, or this region stopped
 * before storing the answer) is answered from the record where the command was handled, never applied twice.
 */
package dev.regent.application.idempotency;
