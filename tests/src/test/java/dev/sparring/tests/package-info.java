/** End-to-end tests across modules: a policy trained off-board, exported and run by the controller. */
package dev.sparring.tests;
