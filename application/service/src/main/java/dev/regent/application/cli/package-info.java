/**
 * The operators' commands: {@code regent audit}, {@code reconcile}, {@code rebuild} and {@code projections}, each a
 * thin client of one region's REST API that prints readable tables (or, with {@code --json}, the region's answer).
 * Exit codes: 0 done, 1 drift found (reconcile), 2 the command could not be carried out.
 */
package dev.regent.application.cli;
