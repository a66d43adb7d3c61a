/** Value types shared by the bounded contexts: validation errors and amounts. Kept deliberately small. */
package dev.regent.domain.shared;
