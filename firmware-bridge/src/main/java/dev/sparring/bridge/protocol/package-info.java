/**
 * The bridge protocol's codec (docs/bridge-protocol.md): constants, CRC-16, COBS, message flyweights and the
 * allocation-free frame encoder and streaming decoder.
 */
package dev.sparring.bridge.protocol;
