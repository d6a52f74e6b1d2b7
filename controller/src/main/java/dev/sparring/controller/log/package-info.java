/**
 * The experience log: the record layout, the control thread's hand-off through an Agrona ring buffer, the logger
 * agent that appends to Chronicle Queue, and the reader the trainer uses.
 */
package dev.sparring.controller.log;
