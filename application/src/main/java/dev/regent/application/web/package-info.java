/** HTTP concerns shared by every resource: errors as {@code application/problem+json}. */
package dev.regent.application.web;
