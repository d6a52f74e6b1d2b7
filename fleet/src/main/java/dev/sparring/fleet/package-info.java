/**
 * The fleet transport: robots' experience logs moved to the trainer over Aeron, exactly once, by a log shipper on each
 * robot and a fleet receiver on the trainer host (docs/fleet.md).
 */
package dev.sparring.fleet;
