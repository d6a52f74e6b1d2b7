/**
 * A simulated fleet that learns on the job: N robots on simulated time, each with its own controller, policy and
 * Chronicle experience log, supervisors that read the logs window by window and choose who shares with whom, and
 * one learner per robot whose new policies go back to the robot between episodes.
 */
package dev.sparring.trainer.colearn.fleet;
