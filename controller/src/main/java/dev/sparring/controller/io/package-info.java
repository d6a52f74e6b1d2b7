/** File output shared by the controller and the trainer: atomic replacement of whole files. */
package dev.sparring.controller.io;
