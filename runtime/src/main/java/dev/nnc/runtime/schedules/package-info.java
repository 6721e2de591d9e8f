/**
 * Learning-rate schedules: Keras' and PyTorch's {@code schedule(step)} as pure functions of the
 * optimizer's step ({@link dev.nnc.runtime.schedules.LearningRateSchedule}), which the
 * {@code LearningRateScheduler} callback applies. They depend on nothing in the runtime but its
 * argument checks.
 */
package dev.nnc.runtime.schedules;
