package dev.regent.insurer.faults;

/** A fault: injected a third into a scenario's load, healed at two thirds. */
record Fault(String name, Runnable inject, Runnable heal) {
}
