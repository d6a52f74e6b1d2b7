/**
 * MuJoCo 2.2.2 through JNA: {@link dev.sparring.hal.mujoco.MujocoModel} and {@link dev.sparring.hal.mujoco.MujocoData}
 * own their native memory, expose MuJoCo's arrays as bounds-checked views whose layout was read from the installed
 * headers at build time, and turn MuJoCo's errors and warnings into exceptions and step results;
 * {@link dev.sparring.hal.mujoco.MujocoPlant} is a model behind the plant contract.
 */
package dev.sparring.hal.mujoco;
