/**
 * HTTP concerns shared by every resource: the input rules at the edge (bounded bodies, request JSON read by the
 * rules, checked path variables and query parameters) and every error as {@code application/problem+json}, the
 * servlet container's own included.
 */
package dev.regent.application.web;
