//! snn-nef's integration tests, in one binary (one link instead of one per
//! file): distributions, solvers and the build against Nengo 4.1 and
//! closed forms.

mod build_options;
mod build_parallel;
mod built_model;
mod decoder_cache;
mod distributions;
mod hyperspheres;
mod processes;
mod processes_nengo;
mod simulator_built;
mod solvers;
mod solvers_errors;
mod solvers_iterative;
mod solvers_nengo;
