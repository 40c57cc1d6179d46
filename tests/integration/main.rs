//! The facade's integration tests, in one binary (one link instead of one
//! per file): the examples' accuracy against Nengo, the DSL, errors, I/O,
//! plots, the simulator's determinism and streaming.

mod accuracy;
mod build;
mod checkpoint;
mod determinism;
mod dsl;
mod dynamics;
mod errors;
mod every_form;
mod io;
mod learning_examples;
mod learning_pes;
mod learning_probes;
mod learning_rls;
mod learning_stdp;
mod learning_voja;
mod learning_weights;
mod nef_semantics;
mod nengo_spike_match;
mod networks;
mod networks_examples;
mod neuron_types;
mod packed_state;
mod plot;
mod probe_data;
mod progress;
mod properties;
mod raw_and_underscore_names;
mod spa;
mod streaming;
mod timing;
mod ui;
