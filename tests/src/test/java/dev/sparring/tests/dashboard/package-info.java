/**
 * The live dashboard in a real browser: headless Chromium driven over chromedriver's W3C WebDriver protocol.
 */
package dev.sparring.tests.dashboard;
