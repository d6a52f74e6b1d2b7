/** The host's end of the bridge protocol: handshakes, one command per tick, the latest state, and what went wrong. */
package dev.sparring.bridge.link;
