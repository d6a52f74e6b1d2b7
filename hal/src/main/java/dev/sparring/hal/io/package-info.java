/**
 * File access shared by every module: bounded reads, atomic durable writes, and I/O errors that name the file.
 */
package dev.sparring.hal.io;
